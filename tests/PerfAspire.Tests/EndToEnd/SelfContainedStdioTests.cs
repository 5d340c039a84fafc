using ModelContextProtocol.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The built server with --stdio and nothing but TIMESCALE_DSN, as the README's Claude Desktop snippet starts it:
/// it loads bundles (the ingestion runtime in process, with progress) and searches the docs (the index in process);
/// two such processes on one database loading different bundles each read their own.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SelfContainedStdioTests(DatabaseFixture db)
{
    [Fact]
    public async Task Stdio_with_only_a_dsn_loads_with_progress_searches_docs_and_keeps_its_own_bundle()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var root = Directory.CreateTempSubdirectory("perfaspire-stdio-").FullName;
        try
        {
            var small = GeneratorOptions.Small with { Files = 1, EpochsPerFile = 10, TopThreads = 5 };
            var first = BundleGenerator.Generate(small, BundleFormat.TarGz, Path.Combine(root, "a"));
            var second = BundleGenerator.Generate(small with { Seed = 7, Host = "dns-edge-02" }, BundleFormat.TarGz, Path.Combine(root, "b"));
            var dsn = await db.CreateDatabaseAsync();
            await using var one = await StartAsync(dsn, cts.Token);
            await using var two = await StartAsync(dsn, cts.Token);

            var progress = new LoadedBundleEnvironment.Collector();
            var loaded = await progress.CallAsync(one, "support_load_bundle", new Dictionary<string, object?> { ["path"] = first.Path }, TimeSpan.FromSeconds(30), cts.Token);
            Assert.False(loaded.IsError == true, loaded.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().FirstOrDefault()?.Text);
            var a = Assert.IsType<System.Text.Json.JsonElement>(loaded.StructuredContent).GetProperty("bundle_id").GetString()!;
            Assert.NotEmpty(progress.Values);
            Assert.Equal(100, progress.Values[^1].Progress);

            var b = (await two.OkAsync("support_load_bundle", new { path = second.Path })).GetProperty("bundle_id").GetString()!;
            Assert.NotEqual(a, b);

            // b is now the shared active bundle; the first process still reads the one it loaded.
            Assert.Equal(a, await QueriedBundleAsync(one));
            Assert.Equal(b, await QueriedBundleAsync(two));
            Assert.Equal("session", (await one.OkAsync("support_active_context")).GetProperty("scope").GetString());

            var docs = await one.OkAsync("docs_search", new { q = "is the disk saturated" });
            Assert.False(docs.TryGetProperty("warnings", out _), docs.ToString());
            Assert.NotEmpty(docs.GetProperty("result").GetProperty("results").EnumerateArray());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    static Task<McpClient> StartAsync(string dsn, CancellationToken ct) =>
        McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "perfaspire",
            Command = "dotnet",
            Arguments = [BuiltExecutable.Path("perfaspire-mcp"), "--stdio"],
            EnvironmentVariables = OnlyDsn(dsn),
        }), cancellationToken: ct);

    /// <summary>TIMESCALE_DSN and nothing of ours: the variables a test run or a developer shell may carry are removed.</summary>
    internal static Dictionary<string, string?> OnlyDsn(string dsn)
    {
        var env = new Dictionary<string, string?> { ["TIMESCALE_DSN"] = dsn };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("Mcp__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("services__", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Docs__", StringComparison.OrdinalIgnoreCase)
                || name is "DATABASE_MODE" or "OTEL_EXPORTER_OTLP_ENDPOINT" or "BUNDLE_ROOTS")
            {
                env[name] = null;
            }
        }
        env["DATABASE_MODE"] = null;
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        return env;
    }

    static async Task<string?> QueriedBundleAsync(McpClient client) =>
        (await client.OkAsync("query_run", new { pattern_name = "latest_value", metric_name = "mem_available_percent" })).GetProperty("bundle_id").GetString();
}
