using System.Text.Json;
using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>The built MCP executable with --stdio, as Claude Desktop launches it.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class McpStdioTests(DatabaseFixture db)
{
    [Fact]
    public async Task Stdio_serves_system_health_against_a_real_database()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var dsn = await db.CreateDatabaseAsync();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "perfaspire",
            Command = "dotnet",
            Arguments = [BuiltExecutable.Path("perfaspire-mcp"), "--stdio"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["TIMESCALE_DSN"] = dsn,
                ["DATABASE_MODE"] = null,
                ["ConnectionStrings__timescale"] = null,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
            },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cts.Token);

        Assert.Equal("perfaspire", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync(cancellationToken: cts.Token);
        Assert.Contains(tools, t => t.Name == "system_health");

        var result = await client.CallToolAsync("system_health", cancellationToken: cts.Token);
        var health = Assert.IsType<JsonElement>(result.StructuredContent);
        SystemHealthAssertions.AssertHealthy(health, expectedMode: "external");
        Assert.Equal(db.TimescaleAvailable, health.GetProperty("database").TryGetProperty("timescaledb_version", out _));
    }
}
