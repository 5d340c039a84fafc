using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Ingest;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Legacy;

/// <summary>
/// Every legacy, graph and analysis tool against a generated bundle with the large preset's cardinality (32 CPUs,
/// 8 disks, 4 NICs, 300 TOP threads, 40 SMAPS processes, the fast-path families, DB histograms) loaded by the real
/// ingestion; three hours instead of ten days, because the response size depends on the number of series, not on
/// the length (the step grows with the window). Each answer must stay within the ~8k token budget (30,000
/// characters of text) and every chart must be a valid PNG.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BudgetTests(DatabaseFixture db)
{
    const int Budget = 30_000;

    static readonly SemaphoreSlim Gate = new(1, 1);
    static (McpTestServer Server, ModelContextProtocol.Client.McpClient Client)? _shared;

    async Task<ModelContextProtocol.Client.McpClient> ClientAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is { } s) return s.Client;
            var options = GeneratorOptions.Large with { Preset = "large-cardinality", Files = 1, EpochsPerFile = 180 };
            var dir = Directory.CreateTempSubdirectory("perfaspire-budget-").FullName;
            var bundle = BundleGenerator.Generate(options, BundleFormat.Directory, dir);
            var cs = await McpDatabase.CreateMigratedAsync(db);
            await using (var rt = await IngestTestBed.RuntimeAsync(db, connectionString: cs))
            {
                var summary = await rt.Loader.LoadAsync(IngestTestBed.Request(bundle), "test");
                Assert.Equal("loaded", summary.State);
            }
            Directory.Delete(dir, recursive: true);
            var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
            _shared = (server, await server.ConnectAsync());
            return _shared.Value.Client;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static TheoryData<string, string> Calls => new()
    {
        { "metrics_list", "{}" },
        { "metric_metadata", """{"metric": "top_cpu_percent"}""" },
        { "label_values", """{"label": "pid", "limit": 1000}""" },
        { "query_range", """{"metric": "top_cpu_percent"}""" },
        { "query_range", """{"metric": "cpu_utilization", "max_series": 100}""" },
        { "graph_timeseries", """{"metrics": ["cpu_utilization", "disk_busy_percent", "net_rx_packets_per_sec", "top_cpu_percent", "smaps_rss_kb", "mem_available_percent", "dbwr_bucket_count_total", "disk_avg_queue_len"], "max_series_per_metric": 20}""" },
        { "graph_compare", """{"primary": "cpu_utilization{cpu=\"cpu\"}", "comparators": ["disk_busy_percent", "top_cpu_percent", "smaps_rss_kb", "net_rx_packets_per_sec"]}""" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": 50}""" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": 50, "group_by": "exec", "by": "max"}""" },
        { "graph_latency_histogram", """{"histogram": "dbwr"}""" },
        { "graph_latency_histogram", """{"histogram": "dbrd", "step": 60}""" },
        { "top_n", """{"metric": "smaps_rss_kb", "n": 50}""" },
        { "compare_windows", """{"window_a": ["bundle_start", "bundle_start+90m"], "window_b": ["bundle_start+90m", "bundle_end"], "limit": 100}""" },
        { "correlate_metrics", """{"metrics": ["cpu_utilization", "disk_busy_percent", "mem_available_percent", "top_cpu_percent", "net_rx_packets_per_sec", "dbwr_bucket_count_total", "smaps_rss_kb", "disk_avg_queue_len"]}""" },
        { "find_anomalies", """{"metric": "top_cpu_percent", "max_series": 20}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Every_tool_answers_within_the_budget_on_a_large_cardinality_bundle(string tool, string argsJson)
    {
        var client = await ClientAsync();
        var args = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(argsJson);
        var reply = await ToolReply.OkAsync(client, tool, args);
        Assert.True(reply.TextChars <= Budget, $"{tool} answered {reply.TextChars} characters: {Clip(reply.Texts.Last())}");
        Assert.DoesNotContain(reply.Warnings, w => w is "no_active_bundle" or "timescale_unavailable");
        if (reply.Png is { } png)
        {
            var (w, h) = PngImage.Dimensions(png);
            Assert.True(w >= 200 && h >= 150);
            PngImage.Keep(png, "budget-" + tool + "-" + Math.Abs(argsJson.GetHashCode() % 1000));
        }
        if (tool.StartsWith("graph_", StringComparison.Ordinal)) Assert.NotNull(reply.Png);
    }

    static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
