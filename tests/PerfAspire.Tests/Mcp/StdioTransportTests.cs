using ModelContextProtocol.Client;
using PerfAspire.Tests.EndToEnd;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>The built server with --stdio offers the same tools and answers queries from the same database.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class StdioTransportTests(DatabaseFixture db)
{
    [Fact]
    public async Task Stdio_serves_the_same_tools_and_queries()
    {
        var env = await McpEnvironment.GetAsync(db);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "perfaspire",
            Command = "dotnet",
            Arguments = [BuiltExecutable.Path("perfaspire-mcp"), "--stdio"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["TIMESCALE_DSN"] = env.ConnectionString,
                ["DATABASE_MODE"] = null,
                ["ConnectionStrings__timescale"] = null,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cts.Token);
        var stdioTools = (await client.ListToolsAsync(cancellationToken: cts.Token)).Select(t => t.Name).Order().ToList();
        var httpTools = (await env.Client.ListToolsAsync(cancellationToken: cts.Token)).Select(t => t.Name).Order().ToList();
        Assert.Equal(httpTools, stdioTools);

        var result = await client.OkAsync("query_run", new { pattern_name = "summary_stats", metric_name = "mem_available_percent" });
        Assert.Equal(TestBundleData.ActiveBundle, result.GetProperty("bundle_id").GetString());
        Assert.Equal(1, result.GetProperty("row_count").GetInt32());
    }
}
