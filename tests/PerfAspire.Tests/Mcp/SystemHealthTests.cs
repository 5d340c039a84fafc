using System.Net;
using System.Net.Sockets;
using Npgsql;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SystemHealthTests(DatabaseFixture db)
{
    [Fact]
    public async Task Reports_schema_compression_retention_active_bundle_and_query_counters()
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
        await env.Client.ErrorAsync("query_run", new { metric_name = "mem_available_percent", start_time = "not a time" }, "invalid_time");

        var health = await env.Client.OkAsync("system_health");
        Assert.Equal("perf", health.GetProperty("schema").GetProperty("name").GetString());
        Assert.True(health.GetProperty("schema").GetProperty("version").GetInt32() >= 1);
        Assert.True(health.GetProperty("schema").GetProperty("metrics").GetInt32() > 100);
        Assert.Equal(TestBundleData.ActiveBundle, health.GetProperty("active_bundle").GetProperty("bundle_id").GetString());
        Assert.Equal(30, health.GetProperty("retention").GetProperty("days").GetInt32());
        Assert.Contains("load age", health.GetProperty("retention").GetProperty("policy").GetString());
        Assert.Equal(2, health.GetProperty("retention").GetProperty("bundles_loaded").GetInt32());
        var counters = health.GetProperty("counters");
        Assert.True(counters.GetProperty("timescale_query_duration_ms_sum").GetDouble() > 0);
        Assert.True(counters.GetProperty("timescale_queries_total").GetInt64() >= 1);
        Assert.True(counters.TryGetProperty("timescale_query_errors_total", out _));
        Assert.True(counters.TryGetProperty("timescale_rows_inserted_total", out _));
        var warnings = health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.DoesNotContain("no_active_bundle", warnings);
        Assert.DoesNotContain("schema_missing", warnings);
        var compression = health.GetProperty("compression");
        if (db.TimescaleAvailable)
        {
            Assert.DoesNotContain("timescale_unavailable", warnings);
            Assert.True(compression.GetProperty("enabled").GetBoolean());
        }
        else
        {
            Assert.Contains(db.PlainWarning, warnings);
            Assert.False(compression.GetProperty("enabled").GetBoolean());
            Assert.Equal("degraded", health.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_failing_query_counts_as_a_query_error()
    {
        var env = await McpEnvironment.GetAsync(db);
        var metrics = (Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PerfAspire.Mcp.Observability.QueryMetrics>(env.Server.Services));
        var before = metrics.Errors;
        // A NUL byte cannot be stored in PostgreSQL text: the database refuses the bound value, the query fails.
        await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", filters = new { cpu = "a\u0000b" } }, "query_failed");
        Assert.Equal(before + 1, metrics.Errors);
    }

    /// <summary>
    /// A database that hangs must not hang the tool every client calls when something is wrong: system_health has its
    /// own deadline (here the call deadline's, set to 4 s, ends it first) and still answers the report, valid against
    /// its output schema, saying deadline_exceeded. The cancellation below only keeps a broken build from hanging.
    /// </summary>
    [Fact]
    public async Task Answers_deadline_exceeded_within_its_deadline_when_the_server_accepts_and_never_answers()
    {
        // A TCP server that accepts connections and never says a word: the driver waits for the start-up reply.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) held.Add(await listener.AcceptTcpClientAsync(stop.Token));
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            await using var server = await McpTestServer.StartAsync($"Host=127.0.0.1;Port={port};Username=postgres;Database=ptops;Timeout=120",
                new Dictionary<string, string?> { ["Mcp:Query:CallDeadlineSeconds"] = "4", ["Mcp:DocsUrl"] = "http://127.0.0.1:9", ["Mcp:IngestUrl"] = "http://127.0.0.1:9" });
            await using var client = await server.ConnectAsync();
            var checker = await ContractChecker.CreateAsync(client);
            using var generous = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var health = await checker.CallAsync("system_health", new { }, generous.Token);

            Assert.Equal("unavailable", health.GetProperty("status").GetString());
            Assert.False(health.GetProperty("database").GetProperty("reachable").GetBoolean());
            Assert.StartsWith("deadline_exceeded", health.GetProperty("database").GetProperty("error").GetString());
            Assert.Contains("deadline_exceeded", health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
            Assert.True(health.TryGetProperty("counters", out _));
            Assert.True(held.Count >= 1, "the probe never connected to the silent server");
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await Task.WhenAny(accepting);
            foreach (var c in held) c.Dispose();
        }
    }

    /// <summary>
    /// The database answers, but another session holds a lock the status reads wait for (and the statement timeout
    /// is longer than the call): system_health still answers within its deadline with what it read, degraded,
    /// deadline_exceeded, valid against its output schema.
    /// </summary>
    [Fact]
    public async Task Answers_what_it_read_within_its_deadline_when_a_lock_blocks_the_status_reads()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:Query:CallDeadlineSeconds"] = "4",
            ["Mcp:Query:StatementTimeoutMs"] = "600000",
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            ["Mcp:IngestUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();
        var checker = await ContractChecker.CreateAsync(client);
        using var generous = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var before = await checker.CallAsync("system_health", new { }, generous.Token);
        Assert.DoesNotContain("deadline_exceeded", before.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));

        await using var locker = new NpgsqlConnection(cs);
        await locker.OpenAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("LOCK TABLE perf.bundles IN ACCESS EXCLUSIVE MODE", locker, tx))
        {
            await lockCmd.ExecuteNonQueryAsync();
        }

        var health = await checker.CallAsync("system_health", new { }, generous.Token);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Contains("deadline_exceeded", health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("lock", health.GetProperty("next_step").GetString());
        // What was read before the lock is there.
        Assert.Equal("perf", health.GetProperty("schema").GetProperty("name").GetString());
        await tx.RollbackAsync();

        var after = await checker.CallAsync("system_health", new { }, generous.Token);
        Assert.DoesNotContain("deadline_exceeded", after.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }
}
