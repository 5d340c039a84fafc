using System.Text.Json;
using PerfAspire.Tests.Analysis;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Analysis.AnalysisBundleData;

namespace PerfAspire.Tests.Charts;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class GraphToolsTests(DatabaseFixture db)
{
    static void AssertChart(ToolReply reply, int width = 1000, int height = 560, string? keep = null)
    {
        Assert.NotNull(reply.Png);
        Assert.Equal("image/png", reply.ImageMime);
        Assert.Equal((width, height), PngImage.Dimensions(reply.Png!));
        if (keep is not null) PngImage.Keep(reply.Png!, keep);
        // First text block: the one-line summary for text-only hosts; then the JSON (also the structured content).
        Assert.Equal(2, reply.Texts.Count);
        Assert.DoesNotContain('\n', reply.Texts[0]);
        Assert.NotNull(reply.Structured);
        Assert.True(reply.TextChars < 30_000, $"response is {reply.TextChars} characters");
    }

    static bool NullOrMissing(JsonElement e, string name) => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;

    static List<JsonElement> Samples(JsonElement series) => series.GetProperty("samples").EnumerateArray().ToList();

    [Fact]
    public async Task Graph_timeseries_keeps_the_requested_metric_order_and_returns_a_png()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "graph_timeseries", new
        {
            metrics = new[] { "mem_available_percent", "cpu_utilization{cpu=\"cpu\"}", "disk_busy_percent" },
            start = Ms(0),
            end = Ts(59).ToString("O"),
        });
        AssertChart(reply, keep: "graph_timeseries");
        var body = reply.Body;
        Assert.Equal(["mem_available_percent", "cpu_utilization", "disk_busy_percent"], body.GetProperty("expressions").EnumerateArray().Select(e => e.GetString()));
        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["mem_available_percent", "cpu_utilization", "disk_busy_percent", "disk_busy_percent"],
            series.Select(s => s.GetProperty("metric").GetProperty("__name__").GetString()));
        Assert.Equal(["sda", "sdb"], series.Skip(2).Select(s => s.GetProperty("metric").GetProperty("device").GetString()));
        var cpu = Samples(series[1]);
        Assert.Equal(60, cpu.Count);
        Assert.Equal(95, cpu[SpikeAt].GetProperty("value").GetDouble());
        Assert.Equal(Ms(SpikeAt), cpu[SpikeAt].GetProperty("ts").GetInt64());
        Assert.Empty(reply.Warnings);
        Assert.StartsWith("graph_timeseries: mem_available_percent (1 series), cpu_utilization (1 series), disk_busy_percent (2 series)", reply.Texts[0]);
        Assert.Contains("max 95 percent", reply.Texts[0]);
    }

    [Fact]
    public async Task Graph_timeseries_reports_an_unknown_metric_and_draws_the_rest()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "graph_timeseries", new { metrics = new[] { "cpu_utilization", "cpu_utilisaton" }, width = 640, height = 400 });
        AssertChart(reply, 640, 400);
        Assert.Contains("metric_not_found:cpu_utilisaton", reply.Warnings);
        Assert.Equal(["cpu_utilization"], reply.Body.GetProperty("expressions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Graph_compare_scales_to_the_primary_max_and_reports_factors_and_a_zero_baseline()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "graph_compare", new
        {
            primary = "cpu_utilization",
            comparators = new[] { "mem_available_percent", "disk_busy_percent{device=\"sdb\"}" },
        });
        AssertChart(reply, keep: "graph_compare");
        var norm = reply.Body.GetProperty("normalization");
        Assert.Equal("max", norm.GetProperty("mode").GetString());
        Assert.Equal(95, norm.GetProperty("primary_baseline").GetDouble());
        var factors = norm.GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(2, factors.Count);
        // mem max = 80 + 2 = 82 => 95 / 82.
        Assert.Equal(82, factors[0].GetProperty("baseline").GetDouble());
        Assert.Equal(95.0 / 82, factors[0].GetProperty("factor").GetDouble(), 6);
        Assert.True(factors[0].GetProperty("applied").GetBoolean());
        Assert.Equal(0, factors[1].GetProperty("baseline").GetDouble());
        Assert.True(NullOrMissing(factors[1], "factor")); // responses leave nulls out
        Assert.False(factors[1].GetProperty("applied").GetBoolean());
        Assert.Contains("normalize_baseline_zero:disk_busy_percent{device=\"sdb\",disk_index=\"1\"}", reply.Warnings);

        var series = reply.Body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(3, series.Count);
        Assert.Equal("cpu_utilization", series[0].GetProperty("metric").GetProperty("__name__").GetString());
        // The first sample is the first epoch, or the mean of the first epochs when the budget re-bucketed the answer.
        var perBucket = reply.Body.GetProperty("step_seconds").GetInt32() / 60;
        Assert.Equal(Enumerable.Range(0, perBucket).Average(Mem) * 95 / 82, Samples(series[1])[0].GetProperty("value").GetDouble(), 4);
        Assert.Equal(0, Samples(series[2])[0].GetProperty("value").GetDouble());
        Assert.True(NullOrMissing(series[2], "normalization_factor"));
        Assert.Equal(95.0 / 82, series[1].GetProperty("normalization_factor").GetDouble(), 6);
    }

    [Fact]
    public async Task Graph_compare_first_mode_and_no_normalisation()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var first = await ToolReply.OkAsync(env.Client, "graph_compare", new { primary = "cpu_utilization", comparators = new[] { "mem_available_percent" }, mode = "first" });
        var factor = first.Body.GetProperty("normalization").GetProperty("factors")[0];
        Assert.Equal(Cpu(0) / Mem(0), factor.GetProperty("factor").GetDouble(), 9); // 20 / 80
        Assert.Contains("×0.25", first.Texts[0]);

        var raw = await ToolReply.OkAsync(env.Client, "graph_compare", new { primary = "cpu_utilization", comparators = new[] { "mem_available_percent" }, normalize = false });
        Assert.False(raw.Body.GetProperty("normalization").GetProperty("enabled").GetBoolean());
        Assert.Equal(Mem(0), Samples(raw.Body.GetProperty("series")[1])[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Graph_topk_sums_threads_per_exec_and_charts_them_in_rank_order()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "graph_topk", new { metric = "top_cpu_percent", k = 3, group_by = "exec" });
        AssertChart(reply, keep: "graph_topk");
        var ranking = reply.Body.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(["named", "worker", "noise-13"], ranking.Select(r => r.GetProperty("labels").GetProperty("exec").GetString()));
        // named: 4 threads x (10 + i%2) => 40 / 44 alternating.
        Assert.Equal(42, ranking[0].GetProperty("avg").GetDouble(), 9);
        Assert.Equal(44, ranking[0].GetProperty("max").GetDouble());
        Assert.Equal(Epochs, ranking[0].GetProperty("samples").GetInt64());
        // noise-k sums 15 threads n = k + 20j: sum of (n % 7) * 0.5 is 21 + (k % 7) * 0.5, plus 15 x mean((i % 4) * 0.1) = 2.25;
        // k % 7 = 6 is largest (noise-6 and noise-13 tie; the name breaks it).
        Assert.Equal(26.25, ranking[2].GetProperty("avg").GetDouble(), 9);
        Assert.True(reply.Body.GetProperty("more_exist").GetBoolean());
        var series = reply.Body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["named", "worker", "noise-13"], series.Select(s => s.GetProperty("metric").GetProperty("exec").GetString()));
        // 40 / 44 alternate per epoch; when the budget re-buckets to 120 s each bucket holds one of each.
        var step = reply.Body.GetProperty("step_seconds").GetInt32();
        Assert.Equal(step == 60 ? [40.0, 44.0] : [42.0, 42.0], Samples(series[0]).Take(2).Select(s => s.GetProperty("value").GetDouble()));
        Assert.Equal(step != 60, reply.Warnings.Contains("downsampled"));
    }

    [Fact]
    public async Task Graph_latency_histogram_estimates_percentiles_per_step()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "graph_latency_histogram", new { histogram = "dbwr", step = 60 });
        AssertChart(reply, 1000, 760, keep: "graph_latency_histogram");
        var p = reply.Body.GetProperty("percentiles").EnumerateArray().ToList();
        // One point per requested minute, or per merged step when that many points would not fit the budget.
        var merged = reply.Body.GetProperty("step_seconds").GetInt32() / 60;
        Assert.Equal(Epochs / merged, p.Count);
        // Before the shift: 8 ops in bucket 17 (avg 80 us), 2 in bucket 19 (avg 300 us); hand-computed (see HistogramPercentiles).
        Assert.Equal(10.0 / 60, p[0].GetProperty("ops_per_sec").GetDouble(), 6);
        Assert.Equal(83.616e-6, p[0].GetProperty("p50_seconds").GetDouble(), 10);
        Assert.Equal(318.928e-6, p[0].GetProperty("p95_seconds").GetDouble(), 10);
        Assert.Equal(334.0704e-6, p[0].GetProperty("p99_seconds").GetDouble(), 10);
        // After: 8 in 17, 6 in 19, 2 in 22 (avg 3 ms).
        Assert.Equal(94.464e-6, p[Shift / merged].GetProperty("p50_seconds").GetDouble(), 10);
        Assert.Equal(3.1805696e-3, p[Shift / merged].GetProperty("p95_seconds").GetDouble(), 9);
        Assert.Equal(3.75839232e-3, p[Shift / merged].GetProperty("p99_seconds").GetDouble(), 9);

        var buckets = reply.Body.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal([17, 19, 22], buckets.Select(b => b.GetProperty("bucket").GetInt32()));
        Assert.Equal(8 * Epochs, buckets[0].GetProperty("operations").GetDouble());
        Assert.Equal(2 * 60 + 6 * 60, buckets[1].GetProperty("operations").GetDouble());
        Assert.Equal(131.072e-6, buckets[0].GetProperty("upper_seconds").GetDouble(), 12);
        Assert.Contains("p99", reply.Texts[0]);

        var bad = await ToolReply.CallAsync(env.Client, "graph_latency_histogram", new { histogram = "dbwx" });
        Assert.True(bad.IsError);
        Assert.Contains("dbwr", bad.Body.GetProperty("error").GetProperty("closest").EnumerateArray().Select(c => c.GetString()));
    }
}
