using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;
using ModelContextProtocol.Client;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The whole application as `dotnet run --project src/PerfAspire.AppHost` starts it, in local database mode
/// (the machine's PostgreSQL binaries; no Docker), driven through MCP like a real client.
/// </summary>
public sealed class AppHostLocalModeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Local_mode_gets_every_resource_healthy_and_serves_system_health_over_mcp()
    {
        // Generous: on a 2-core machine shared with parallel test classes the docs index alone can take minutes.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = cts.Token;

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PerfAspire_AppHost>(
            ["--Database:Mode=local"], (options, _) => options.DisableDashboard = true, ct);
        // Resource logs stay in the AppHost unless something goes wrong (postgres writes its few start-up lines
        // to stderr, so they show); health probes failing while the services start are expected.
        builder.Services.AddLogging(l => l
            .AddFilter("PerfAspire.AppHost.Resources", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Aspire.Hosting", LogLevel.Warning));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // No dashboard listens in tests: an OTLP exporter aimed at nothing adds ~10 s to every service's stop.
            builder.CreateResourceBuilder(project).WithEnvironment(e => e.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"));
        }
        await using var app = await builder.BuildAsync(ct);

        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        // Without a Docker engine a single container resource would make StartAsync fail.
        Assert.DoesNotContain(model.Resources, r => r is ContainerResource);
        var checkedResources = model.Resources.Where(r => r.Annotations.OfType<HealthCheckAnnotation>().Any()).Select(r => r.Name).Order().ToList();
        Assert.Equal(["docs", "ingest", "mcp", "timescale"], checkedResources);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await app.StartAsync(ct);
        foreach (var name in checkedResources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);
        }

        output.WriteLine($"all resources healthy after {clock.Elapsed.TotalSeconds:F1} s");

        var mcpUrl = new Uri(app.GetEndpoint("mcp", "http"), "/mcp");
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mcpUrl, TransportMode = HttpTransportMode.StreamableHttp });
        await using (var client = await McpClient.CreateAsync(transport, cancellationToken: ct))
        {
            Assert.Equal("perfaspire", client.ServerInfo?.Name);
            Assert.NotNull(client.ServerCapabilities.Tools);

            var tools = await client.ListToolsAsync(cancellationToken: ct);
            Assert.Contains(tools, t => t.Name == "system_health");
            Assert.All(tools, t => Assert.DoesNotContain('.', t.Name));

            var result = await client.CallToolAsync("system_health", cancellationToken: ct);
            Assert.NotEqual(true, result.IsError);
            var health = Assert.IsType<JsonElement>(result.StructuredContent);
            SystemHealthAssertions.AssertHealthy(health, expectedMode: "local");
        }

        clock.Restart();
        await app.StopAsync(ct);
        output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
