using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ModelContextProtocol.Client;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The README's stdio setup with a TIMESCALE_DSN that does not answer (a closed port): the server still starts and
/// answers; system_health says the database is unreachable and why, at once; the tools that need the database answer
/// a clear error naming the cause; the rest keeps working; nothing on stderr is a stack trace.
/// </summary>
public sealed class StdioUnreachableDatabaseTests
{
    [Fact]
    public async Task Stdio_server_with_a_dsn_that_does_not_answer_starts_and_names_the_cause()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var port = ClosedPort();
        var stderr = new ConcurrentQueue<string>();
        var env = SelfContainedStdioTests.OnlyDsn($"postgresql://postgres:secret@127.0.0.1:{port}/ptops");
        await using (var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "perfaspire",
            Command = "dotnet",
            Arguments = [BuiltExecutable.Path("perfaspire-mcp"), "--stdio"],
            EnvironmentVariables = env,
            StandardErrorLines = stderr.Enqueue,
        }), cancellationToken: cts.Token))
        {
            var result = await client.CallToolAsync("system_health", cancellationToken: cts.Token);
            Assert.False(result.IsError == true);
            var health = Assert.IsType<JsonElement>(result.StructuredContent);
            Assert.Equal("unavailable", health.GetProperty("status").GetString());
            Assert.Contains("database_unreachable", health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
            var db = health.GetProperty("database");
            Assert.False(db.GetProperty("reachable").GetBoolean());
            Assert.Equal($"127.0.0.1:{port}/ptops", db.GetProperty("target").GetString());
            var error = db.GetProperty("error").GetString()!;
            Assert.Contains($"127.0.0.1:{port}", error);
            Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("TIMESCALE_DSN", health.GetProperty("next_step").GetString());

            // Loads and bundle listings come from the in-process ingestion: database_unavailable with the cause.
            var list = await client.ErrorAsync("support_list_bundles", null, "database_unavailable");
            Assert.Contains("refused", list.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
            await client.ErrorAsync("support_load_bundle", new { path = Path.GetTempPath() }, "database_unavailable");
            var query = await client.ErrorAsync("query_run", new { pattern_name = "latest_value", metric_name = "mem_available_percent" }, "timescale_unavailable");
            Assert.Contains("refused", query.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

            // What needs no database still answers: the catalog of metrics and the docs.
            Assert.NotEmpty((await client.OkAsync("schema_list_metrics", new { prefix = "disk_" })).GetProperty("metrics").EnumerateArray());
            Assert.NotEmpty((await client.OkAsync("docs_search", new { q = "disk busy" })).GetProperty("result").GetProperty("results").EnumerateArray());
        }

        Assert.NotEmpty(stderr);
        Assert.DoesNotContain(stderr, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(stderr, l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(stderr, l => l.Contains("secret", StringComparison.Ordinal));
    }

    static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
