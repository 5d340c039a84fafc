using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The whole path the product takes: the generated small bundle (the reference data of docs/quality-bar.md), the real ingest
/// service and the MCP server in process on loopback ports, the bundle loaded through support_load_bundle by the SDK
/// client (progress notifications recorded), and the bundle's ptop logs read independently for expected numbers.
/// Shared by the read-only tests of a run.
/// </summary>
public sealed class LoadedBundleEnvironment
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static LoadedBundleEnvironment? _shared;

    public required string ConnectionString { get; init; }
    public required IngestHost Ingest { get; init; }
    public required McpTestServer Server { get; init; }
    public required McpClient Client { get; init; }
    public required GeneratedBundle Bundle { get; init; }
    public required System.Text.Json.JsonElement LoadResult { get; init; }
    public required IReadOnlyList<ProgressNotificationValue> Progress { get; init; }
    public required PtopLogReader Logs { get; init; }

    public string BundleId => LoadResult.GetProperty("bundle_id").GetString()!;

    public static async Task<LoadedBundleEnvironment> GetAsync(DatabaseFixture db)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            var root = Directory.CreateTempSubdirectory("perfaspire-mcp-tests-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            var bundle = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.Directory, root);
            var cs = await McpDatabase.CreateMigratedAsync(db);
            var ingest = await IngestHost.StartAsync(cs);
            var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
            {
                ["Mcp:IngestUrl"] = ingest.BaseAddress.ToString(),
                ["Mcp:Ingest:PollMilliseconds"] = "50",
                ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            });
            var client = await server.ConnectAsync();
            var progress = new Collector();
            var result = await progress.CallAsync(client, "support_load_bundle",
                new Dictionary<string, object?> { ["path"] = bundle.Path }, TimeSpan.FromSeconds(30));
            var text = Assert.Single(result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>()).Text;
            Assert.False(result.IsError == true, text);
            _shared = new LoadedBundleEnvironment
            {
                ConnectionString = cs,
                Ingest = ingest,
                Server = server,
                Client = client,
                Bundle = bundle,
                LoadResult = System.Text.Json.JsonDocument.Parse(text).RootElement.Clone(),
                Progress = [.. progress.Values],
                Logs = PtopLogReader.ReadBundleDirectory(bundle.Path),
            };
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Records the progress notifications of one call. The SDK client hands each incoming message to its handlers
    /// concurrently, and CallToolAsync(progress) drops its handler when the result arrives: a notification sent just
    /// before the result (a load that ends within one poll) can be lost although the server sent it first. So the
    /// handler here is registered on the session for the whole call and stays until the 100 % notification came.
    /// </summary>
    public sealed class Collector
    {
        readonly ConcurrentQueue<ProgressNotificationValue> _values = new();
        readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<ProgressNotificationValue> Values => [.. _values];

        void Report(ProgressNotificationValue value)
        {
            _values.Enqueue(value);
            if (value.Total is { } total && value.Progress >= total) _complete.TrySetResult();
        }

        /// <summary>Calls <paramref name="tool"/> with a progress token; returns once the result and the 100 %
        /// notification are in (or <paramref name="wait"/> passed without the latter: a test asserts what came).</summary>
        public async Task<CallToolResult> CallAsync(McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments, TimeSpan wait, CancellationToken ct = default)
        {
            var token = "progress-" + Guid.NewGuid().ToString("N");
            await using var handler = client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
            {
                var p = notification.Params?.Deserialize<ProgressNotificationParams>(McpJsonUtilities.DefaultOptions);
                if (p is not null && p.ProgressToken.ToString() == token) Report(p.Progress);
                return ValueTask.CompletedTask;
            });
            var result = await client.CallToolAsync(new CallToolRequestParams
            {
                Name = tool,
                Arguments = arguments.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value, McpJsonUtilities.DefaultOptions)),
                Meta = new System.Text.Json.Nodes.JsonObject { ["progressToken"] = token },
            }, ct);
            try
            {
                await _complete.Task.WaitAsync(wait, ct);
            }
            catch (TimeoutException)
            {
                // Asserted by the tests that check progress; the result still counts.
            }
            return result;
        }
    }
}

/// <summary>The ingest service composed as its Program.cs composes it, in process on 127.0.0.1 with a free port.</summary>
public sealed class IngestHost : IAsyncDisposable
{
    readonly WebApplication _app;

    IngestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<IngestHost> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timescale"] = connectionString,
            ["DATABASE_MODE"] = "local",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddIngestServices();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapIngestApi();
        await app.StartAsync();
        return new IngestHost(app, new Uri(app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal))));
    }

    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
