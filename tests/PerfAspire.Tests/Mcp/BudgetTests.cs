using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Charts;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Ingest;
using Xunit.Abstractions;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// What every conversation pays: the tool list before the first question, and each answer (<see cref="ToolReply.Tokens"/>:
/// text and structured content at ~4 characters per token, a chart as vision tokens). Every tool's default call —
/// cpu_user_percent over every CPU and the whole window where it takes a metric — is measured on the small reference
/// bundle and on a bundle with the large preset's cardinality; the large-cardinality bundle also takes calls that
/// ask for more.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BudgetTests(DatabaseFixture db, ITestOutputHelper output)
{
    public const int MaxAnswerTokens = 8_000;
    public const int MaxToolListChars = 24_000;

    /// <summary>The default call of every tool: only what it requires, one metric over every CPU, the whole window.</summary>
    public static readonly IReadOnlyDictionary<string, object> Defaults = new Dictionary<string, object>
    {
        ["system_health"] = new { },
        ["schema_list_tables"] = new { },
        ["schema_list_metrics"] = new { },
        ["schema_list_label_values"] = new { metric = "cpu_user_percent", label = "cpu" },
        ["schema_describe_metric"] = new { metric_name = "cpu_user_percent" },
        ["docs_search"] = new { q = "cpu user time" },
        ["docs_get"] = new { id = "field:CPU:cpu_user_percent" },
        ["docs_search_metrics"] = new { q = "which thread eats the CPU" },
        ["docs_list_concepts"] = new { },
        ["docs_resolve_alias"] = new { name = "cpu_utilization_percent" },
        ["top_n"] = new { metric = "top_cpu_percent" },
        ["compare_windows"] = new { window_a = new[] { "bundle_start", "bundle_start+20m" }, window_b = new[] { "bundle_start+20m", "bundle_end" } },
        ["correlate_metrics"] = new { metrics = new[] { "cpu_user_percent", "cpu_system_percent" } },
        ["find_anomalies"] = new { metric = "cpu_user_percent" },
        ["metrics_list"] = new { },
        ["metric_metadata"] = new { metric = "cpu_user_percent" },
        ["label_values"] = new { label = "cpu" },
        ["query_range"] = new { metric = "cpu_user_percent" },
        ["support_load_bundle"] = new { path = "/nonexistent/bundle.tar.gz" },
        ["support_unload_bundle"] = new { bundle_id = "no-such-bundle" },
        ["support_list_bundles"] = new { },
        ["support_active_context"] = new { },
        ["support_switch_active"] = new { bundle_id = "no-such-bundle" },
        ["support_ingest_status"] = new { },
        ["support_cancel_ingest"] = new { job_id = "job-missing" },
        ["query_get_patterns"] = new { },
        ["query_build_sql"] = new { metric_name = "cpu_user_percent" },
        ["query_run"] = new { metric_name = "cpu_user_percent" },
        ["query_sql"] = new { sql = "SELECT * FROM cpu_user_percent" },
        ["graph_timeseries"] = new { metrics = new[] { "cpu_user_percent" } },
        ["graph_compare"] = new { primary = "cpu_user_percent", comparators = new[] { "cpu_system_percent" } },
        ["graph_topk"] = new { metric = "top_cpu_percent" },
        ["graph_latency_histogram"] = new { histogram = "dbwr" },
    };

    static readonly SemaphoreSlim Gate = new(1, 1);
    static McpClient? _large;

    /// <summary>
    /// A generated bundle with the large preset's cardinality (32 CPUs, 8 disks, 4 NICs, 300 TOP threads, 40 SMAPS
    /// processes, the fast-path families, DB histograms) loaded by the real ingestion; three hours instead of ten
    /// days, because the size of an answer follows the number of series, not the length (the step grows with the window).
    /// </summary>
    async Task<McpClient> LargeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_large is { } c) return c;
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
            return _large = await server.ConnectAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// The tools/list result exactly as a client receives it (the JSON-RPC result of every page, with input and output
    /// schemas) — what every conversation pays before its first question.
    /// </summary>
    [Fact]
    public async Task Tools_list_fits_in_24000_characters()
    {
        var env = await McpEnvironment.GetAsync(db);
        var sizes = new Dictionary<string, int>();
        var parts = new Dictionary<string, int>();
        var total = 0;
        string? cursor = null;
        do
        {
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = cursor is null ? null : new System.Text.Json.Nodes.JsonObject { ["cursor"] = cursor },
            };
            var response = await env.Client.SendRequestAsync(request);
            var result = Assert.IsType<System.Text.Json.Nodes.JsonObject>(response.Result);
            total += result.ToJsonString().Length;
            foreach (var tool in result["tools"]!.AsArray())
            {
                sizes[tool!["name"]!.GetValue<string>()] = tool.ToJsonString().Length;
                foreach (var part in (string[])["description", "inputSchema", "outputSchema"])
                {
                    parts[part] = parts.GetValueOrDefault(part) + (tool[part]?.ToJsonString().Length ?? 0);
                }
            }
            cursor = result["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        output.WriteLine($"tools/list: {total} characters, {sizes.Count} tools; " + string.Join(", ", parts.Select(p => $"{p.Key} {p.Value}")));
        foreach (var (name, size) in sizes.OrderByDescending(s => s.Value).Take(5)) output.WriteLine($"  {name,-28} {size,6}");
        Assert.Equal(Defaults.Count, sizes.Count);
        Assert.True(total <= MaxToolListChars,
            $"tools/list is {total} characters (limit {MaxToolListChars}); biggest: " +
            string.Join(", ", sizes.OrderByDescending(s => s.Value).Take(5).Select(s => $"{s.Key} {s.Value}")));
    }

    [Fact]
    public async Task Every_default_answer_fits_in_8000_tokens_on_the_small_bundle()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        await AssertDefaultsAsync(env.Client);
    }

    [Fact]
    public async Task Every_default_answer_fits_in_8000_tokens_on_a_large_cardinality_bundle()
    {
        await AssertDefaultsAsync(await LargeAsync());
    }

    async Task AssertDefaultsAsync(McpClient client)
    {
        var tools = await client.ListToolsAsync();
        Assert.Empty(tools.Select(t => t.Name).Except(Defaults.Keys));
        var over = new List<string>();
        foreach (var (tool, args) in Defaults)
        {
            var reply = await ToolReply.CallAsync(client, tool, args);
            output.WriteLine($"{tool,-28} {reply.Tokens,6}{(reply.IsError ? "  (error)" : "")}");
            if (reply.Tokens > MaxAnswerTokens) over.Add($"{tool}: {reply.Tokens}");
        }
        Assert.True(over.Count == 0, "over the budget: " + string.Join(", ", over));
    }

    /// <summary>
    /// Asking for more than the default (many metrics, up to 50 ranked series, 5000 rows) stays within the 8k tokens
    /// too: the answer shrinks what it can (samples, then how many series carry samples) and says what it cut.
    /// </summary>
    public static TheoryData<string, string> Large => new()
    {
        { "metrics_list", "{}" },
        { "metric_metadata", """{"metric": "top_cpu_percent"}""" },
        { "label_values", """{"label": "pid", "limit": 1000}""" },
        { "query_range", """{"metric": "top_cpu_percent"}""" },
        { "query_range", """{"metric": "cpu_utilization", "max_series": 100}""" },
        { "query_range", """{"metric": "top_cpu_percent", "max_series": 100}""" },
        { "query_run", """{"metric_name": "top_cpu_percent", "max_rows": 5000}""" },
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
    [MemberData(nameof(Large))]
    public async Task Asking_for_more_stays_within_8000_tokens_on_a_large_cardinality_bundle(string tool, string argsJson)
    {
        var client = await LargeAsync();
        var args = JsonSerializer.Deserialize<Dictionary<string, object?>>(argsJson);
        var reply = await ToolReply.OkAsync(client, tool, args);
        output.WriteLine($"{tool} {argsJson}: {reply.Tokens} tokens");
        Assert.True(reply.Tokens <= MaxAnswerTokens, $"{tool} answered {reply.Tokens} tokens: {Clip(reply.Texts.Last())}");
        Assert.DoesNotContain(reply.Body.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(x => x.GetString()) : [],
            x => x is "no_active_bundle" or "timescale_unavailable");
        if (reply.Png is { } png)
        {
            var (width, height) = PngImage.Dimensions(png);
            Assert.True(width >= 200 && height >= 150);
            PngImage.Keep(png, "budget-" + tool + "-" + Math.Abs(argsJson.GetHashCode() % 1000));
        }
        if (tool.StartsWith("graph_", StringComparison.Ordinal)) Assert.NotNull(reply.Png);
    }

    /// <summary>
    /// graph_topk k=50 over 300 threads: the labels of 50 series alone pass the budget, so the answer keeps the whole
    /// ranking and chart and cuts how many series carry samples — and says so, with the argument that gets more.
    /// </summary>
    [Fact]
    public async Task Graph_topk_with_k_50_keeps_the_ranking_and_says_which_series_it_cut()
    {
        var client = await LargeAsync();
        var reply = await ToolReply.OkAsync(client, "graph_topk", new { metric = "top_cpu_percent", k = 50 });
        output.WriteLine($"graph_topk k=50: {reply.Tokens} tokens");
        Assert.Equal(50, reply.Body.GetProperty("ranking").GetArrayLength());
        AssertSeriesCut(reply, 50);
        Assert.Contains("k", reply.Body.GetProperty("next").GetString());
    }

    /// <summary>
    /// query_range over 100 of 300 thread series: their labels alone pass the budget, so fewer series are shown, each
    /// with enough samples to read, and the answer says how many and which argument fits them all.
    /// </summary>
    [Fact]
    public async Task Query_range_with_100_series_shows_the_ones_that_fit_and_says_so()
    {
        var client = await LargeAsync();
        var reply = await ToolReply.OkAsync(client, "query_range", new { metric = "top_cpu_percent", max_series = 100 });
        output.WriteLine($"query_range max_series=100: {reply.Tokens} tokens");
        var shown = AssertSeriesCut(reply, 100);
        Assert.Equal(shown, reply.Body.GetProperty("series_count").GetInt32());
        Assert.Contains("series_truncated", reply.Body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains($"max_series={shown}", reply.Body.GetProperty("next").GetString());
    }

    /// <summary>An answer that had <paramref name="asked"/> series and showed fewer to stay within the budget: it fits,
    /// says truncated and series_shown, and every shown series keeps enough samples to read. Returns series_shown.</summary>
    static int AssertSeriesCut(ToolReply reply, int asked)
    {
        Assert.True(reply.Tokens <= MaxAnswerTokens, $"{reply.Tokens} tokens");
        Assert.True(reply.Body.GetProperty("truncated").GetBoolean());
        var shown = reply.Body.GetProperty("series_shown").GetInt32();
        Assert.InRange(shown, 1, asked - 1);
        Assert.Equal(shown, reply.Body.GetProperty("series").GetArrayLength());
        Assert.All(reply.Body.GetProperty("series").EnumerateArray(), s => Assert.True(s.GetProperty("samples").GetArrayLength() >= 10));
        return shown;
    }

    static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
