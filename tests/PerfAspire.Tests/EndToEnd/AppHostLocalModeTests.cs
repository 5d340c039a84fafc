using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Mcp;
using Xunit.Abstractions;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The whole application as `./run.sh` starts it on a machine without Docker: local database mode with its data
/// kept, driven through MCP like a real client, stopped and started again.
/// </summary>
public sealed class AppHostLocalModeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Local_mode_keeps_a_loaded_bundle_across_a_stop_and_a_start()
    {
        // Generous: on a 2-core machine shared with parallel test classes the docs index alone can take minutes.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = cts.Token;
        // A kept instance in a data root of its own (not the user's): what ./run.sh does, minus the location.
        var dataRoot = Path.Combine(Path.GetTempPath(), "perfaspire-apphost-kept-" + Guid.NewGuid().ToString("N")[..10]);
        var bundleDir = Directory.CreateTempSubdirectory("perfaspire-apphost-bundle-").FullName;
        try
        {
            var bundle = BundleGenerator.Generate(GeneratorOptions.Small with { Files = 1, EpochsPerFile = 10, TopThreads = 5 }, BundleFormat.TarGz, bundleDir);
            string bundleId;
            await using (var app = await StartAsync(dataRoot, ct))
            {
                await using var client = await ConnectAsync(app, ct);
                var health = Assert.IsType<JsonElement>((await client.CallToolAsync("system_health", cancellationToken: ct)).StructuredContent);
                SystemHealthAssertions.AssertHealthy(health, expectedMode: "local");

                bundleId = (await client.OkAsync("support_load_bundle", new { path = bundle.Path })).GetProperty("bundle_id").GetString()!;
                Assert.Equal(10, (await client.OkAsync("query_run", new { metric_name = "mem_available_percent" })).GetProperty("row_count").GetInt32());

                var clock = System.Diagnostics.Stopwatch.StartNew();
                await app.StopAsync(ct);
                output.WriteLine($"stopped in {clock.Elapsed.TotalSeconds:F1} s");
            }

            Assert.Single(Directory.GetDirectories(dataRoot, "pg*"));
            await using (var app = await StartAsync(dataRoot, ct))
            {
                await using var client = await ConnectAsync(app, ct);
                var active = await client.OkAsync("support_active_context");
                Assert.Equal(bundleId, active.GetProperty("bundle").GetProperty("bundle_id").GetString());
                var rows = await client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
                Assert.Equal(bundleId, rows.GetProperty("bundle_id").GetString());
                Assert.Equal(10, rows.GetProperty("row_count").GetInt32());
                await app.StopAsync(ct);
            }
        }
        finally
        {
            Directory.Delete(bundleDir, recursive: true);
            if (Directory.Exists(dataRoot)) Directory.Delete(dataRoot, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_directory_postgresql_refuses_gives_one_line_and_is_left_as_it_is()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = cts.Token;
        var dataRoot = Path.Combine(Path.GetTempPath(), "perfaspire-apphost-refused-" + Guid.NewGuid().ToString("N")[..10]);
        try
        {
            string conf;
            await using (var server = await PerfAspire.LocalPostgres.LocalPostgresServer.StartAsync(new PerfAspire.LocalPostgres.LocalPostgresOptions { Root = dataRoot }, ct))
            {
                conf = Path.Combine(server.DataDir, "postgresql.conf");
            }
            await File.AppendAllTextAsync(conf, "perfaspire_no_such_setting = 1\n", ct);
            var before = await File.ReadAllTextAsync(conf, ct);

            await using var app = await BuildAsync(dataRoot, ct);
            var monitor = app.Services.GetRequiredService<PerfAspire.AppHost.Database.LocalPostgresMonitor>();
            try { await app.StartAsync(ct); } catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
            var line = await monitor.Refusal.WaitAsync(ct);
            output.WriteLine(line);
            Assert.StartsWith($"PerfAspire: PostgreSQL refused to start on {Path.GetDirectoryName(conf)}: FATAL:", line);
            Assert.Contains("perfaspire_no_such_setting", line);
            Assert.Contains("--reset-data", line);
            Assert.DoesNotContain('\n', line);
            Assert.Equal(before, await File.ReadAllTextAsync(conf, ct));
        }
        finally
        {
            if (Directory.Exists(dataRoot)) Directory.Delete(dataRoot, recursive: true);
        }
    }

    static async Task<DistributedApplication> BuildAsync(string dataRoot, CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PerfAspire_AppHost>(
            ["--Database:Mode=local", $"--Database:DataRoot={dataRoot}"], (options, _) => options.DisableDashboard = true, ct);
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
        return await builder.BuildAsync(ct);
    }

    async Task<DistributedApplication> StartAsync(string dataRoot, CancellationToken ct)
    {
        var app = await BuildAsync(dataRoot, ct);

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
        return app;
    }

    static async Task<McpClient> ConnectAsync(DistributedApplication app, CancellationToken ct)
    {
        var mcpUrl = new Uri(app.GetEndpoint("mcp", "http"), "/mcp");
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mcpUrl, TransportMode = HttpTransportMode.StreamableHttp });
        var client = await McpClient.CreateAsync(transport, cancellationToken: ct);
        Assert.Equal("perfaspire", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        Assert.Contains(tools, t => t.Name == "system_health");
        Assert.All(tools, t => Assert.DoesNotContain('.', t.Name));
        return client;
    }
}
