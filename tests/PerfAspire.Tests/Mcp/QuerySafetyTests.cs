using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>SQL safety (R5 of docs/quality-bar.md): hostile names and values are refused or bound as values; the query role cannot write.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class QuerySafetyTests(DatabaseFixture db)
{
    public static TheoryData<string> HostileStrings => new()
    {
        "'",
        "cpu0'; DROP TABLE perf.ptops_cpu; --",
        "cpu0\" OR 1=1 --",
        "cpu0 /* comment */",
        "-- comment",
        "); DELETE FROM perf.bundles; (",
        "cpu0\u0000",
        "ćpü0 ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "$1",
        "@bundle_id",
        new string('A', 4000),
    };

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Hostile_filter_values_are_bound_and_match_nothing(string value)
    {
        var env = await McpEnvironment.GetAsync(db);
        var (body, isError) = await env.Client.CallAsync("query_run", new { metric_name = "cpu_utilization", filters = new { cpu = value } });
        if (isError)
        {
            // PostgreSQL text cannot hold NUL: the database refuses the value; nothing else is acceptable as an error.
            Assert.Contains("\u0000", value);
            Assert.Equal("query_failed", body.GetProperty("error").GetProperty("code").GetString());
        }
        else
        {
            Assert.Equal(0, body.GetProperty("row_count").GetInt32());
            Assert.Equal("filter_matched_nothing", body.GetProperty("empty_reason").GetString());
        }
        await AssertDataIntactAsync(env);
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Hostile_label_names_are_rejected(string label)
    {
        var env = await McpEnvironment.GetAsync(db);
        var filters = new Dictionary<string, string> { [label] = "cpu0" };
        await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", filters }, "label_not_found");
        await env.Client.ErrorAsync("query_build_sql", new { metric_name = "cpu_utilization", group_by = new[] { label } }, "label_not_found");
        await env.Client.ErrorAsync("schema_list_label_values", new { metric = "cpu_utilization", label }, "label_not_found");
        await AssertDataIntactAsync(env);
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Hostile_metric_names_are_rejected(string metric)
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.ErrorAsync("query_run", new { metric_name = metric }, "metric_not_found");
        await AssertDataIntactAsync(env);
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    [InlineData("2025-06-28T13:00:00Z; DROP TABLE perf.bundles")]
    [InlineData("bundle_end - 99999999999d")]
    [InlineData("now()")]
    public async Task Hostile_window_strings_are_rejected(string time)
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", start_time = time }, "invalid_time");
        await env.Client.ErrorAsync("query_build_sql", new { metric_name = "cpu_utilization", end_time = time }, "invalid_time");
        await AssertDataIntactAsync(env);
    }

    [Fact]
    public async Task Hostile_bundle_ids_are_bound_and_not_found()
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = "x' OR active OR 'x" }, "bundle_not_found");
        await AssertDataIntactAsync(env);
    }

    [Fact]
    public async Task A_label_value_full_of_sql_is_matched_exactly_as_data()
    {
        var env = await McpEnvironment.GetAsync(db);
        foreach (var (_, pid, exec, _, _) in TestBundleData.Threads)
        {
            var body = await env.Client.OkAsync("query_run", new { pattern_name = "latest_value", metric_name = "top_cpu_percent", filters = new { exec } });
            var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
            var columns = body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
            Assert.Equal(pid, row[columns.IndexOf("pid")].GetString());
            Assert.Equal(exec, row[columns.IndexOf("exec")].GetString());
        }
    }

    [Fact]
    public async Task The_query_session_cannot_write_even_when_asked_directly()
    {
        var env = await McpEnvironment.GetAsync(db);
        var sessions = env.Server.Services.GetRequiredService<ReadOnlySessionFactory>();

        // The session the server uses: read-only transaction as the reader role.
        await using (var session = await sessions.OpenAsync(CancellationToken.None))
        {
            await using var cmd = session.Command("INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, host, state) VALUES ('evil', 'h', 'p', 'h', 'loaded')");
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, e.SqlState);
        }

        // The role on its own, without the read-only transaction: it has no write privilege at all.
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[]
        {
            "INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, host, state) VALUES ('evil', 'h', 'p', 'h', 'loaded')",
            "UPDATE perf.ptops_cpu SET utilization = 0",
            "DELETE FROM perf.metric_catalog",
            "CREATE TABLE perf.evil (x int)",
            "TRUNCATE perf.ptops_mem",
        })
        {
            await using var tx = await conn.BeginTransactionAsync();
            await using (var role = new NpgsqlCommand($"SET LOCAL ROLE {sessions.Options.ReaderRole}", conn, tx)) await role.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
            await tx.RollbackAsync();
        }
        await AssertDataIntactAsync(env);
    }

    static async Task AssertDataIntactAsync(McpEnvironment env)
    {
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT (SELECT count(*) FROM perf.ptops_cpu), (SELECT count(*) FROM perf.bundles), (SELECT count(*) FROM perf.metric_catalog) > 0", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Assert.Equal(2L * TestBundleData.Epochs * TestBundleData.Cpus.Length, r.GetInt64(0));
        Assert.Equal(2L, r.GetInt64(1));
        Assert.True(r.GetBoolean(2));
    }
}
