using System.Globalization;
using System.Text.Json;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The generated small bundle loaded through support_load_bundle (real ingest service), queried through the SDK
/// client; expected numbers are computed from the bundle's log text by <see cref="PtopLogReader"/>.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class GeneratedBundleTests(DatabaseFixture db)
{
    const double Tolerance = 1e-5;

    static DateTimeOffset Bucket(DateTimeOffset ts, int step) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(ts.ToUnixTimeMilliseconds() / 1000.0 / step) * step);

    static List<JsonElement> Rows(JsonElement body) => [.. body.GetProperty("rows").EnumerateArray()];

    static int Col(JsonElement body, string name) =>
        body.GetProperty("columns").EnumerateArray().Select((c, i) => (c.GetString(), i)).Single(x => x.Item1 == name).i;

    static DateTimeOffset Ts(JsonElement row, int col) => DateTimeOffset.Parse(row[col].GetString()!, CultureInfo.InvariantCulture);

    static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [Fact]
    public async Task Loading_through_mcp_reports_progress_and_the_generator_row_counts()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        Assert.Equal("succeeded", env.LoadResult.GetProperty("state").GetString());
        Assert.False(env.LoadResult.GetProperty("reused").GetBoolean());
        var rows = env.LoadResult.GetProperty("summary").GetProperty("rows_per_table");
        foreach (var table in new[] { "ptops_cpu", "ptops_top", "ptops_dbwr", "ptops_fp_ports" })
        {
            Assert.Equal(env.Bundle.Expected.Tables[table], rows.GetProperty(table).GetInt64());
        }

        Assert.NotEmpty(env.Progress);
        Assert.All(env.Progress, p => Assert.Equal(100, p.Total));
        for (var i = 1; i < env.Progress.Count; i++) Assert.True(env.Progress[i].Progress >= env.Progress[i - 1].Progress, "progress never goes back");
        Assert.Equal(100, env.Progress[^1].Progress);
        Assert.Contains("rows", env.Progress[^1].Message);
    }

    [Fact]
    public async Task Timeseries_avg_matches_the_log_text()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "timeseries_avg", metric_name = "cpu_utilization", step_seconds = 300, filters = new { cpu = "cpu0" } });
        var expected = env.Logs.CpuUtilization.Where(s => s.Series == "cpu0")
            .GroupBy(s => Bucket(s.Ts, 300)).OrderBy(g => g.Key).Select(g => (g.Key, g.Average(s => s.Value))).ToList();
        var rows = Rows(body);
        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.Count >= 12);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Key, Ts(rows[j], Col(body, "ts_bucket")));
            Near(expected[j].Item2, rows[j][Col(body, "value")].GetDouble(), $"cpu0 at {expected[j].Key:O}");
        }
    }

    [Fact]
    public async Task Counter_rate_matches_the_log_text()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = "fpports_rx_packets_total", step_seconds = 60, filters = new { port = "port0" } });
        var samples = env.Logs.PortRxPackets.Where(s => s.Series == "port0").OrderBy(s => s.Ts).ToList();
        var expected = new List<(DateTimeOffset Ts, double Rate)>();
        for (var i = 1; i < samples.Count; i++)
        {
            var increase = samples[i].Value >= samples[i - 1].Value ? samples[i].Value - samples[i - 1].Value : samples[i].Value;
            expected.Add((Bucket(samples[i].Ts, 60), increase / (samples[i].Ts - samples[i - 1].Ts).TotalSeconds));
        }
        var rows = Rows(body);
        Assert.Equal(expected.Count, rows.Count);
        Assert.True(expected.Count >= 50);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Ts, Ts(rows[j], Col(body, "ts_bucket")));
            Near(expected[j].Rate, rows[j][Col(body, "value")].GetDouble(), $"port0 rate at {expected[j].Ts:O}");
        }
    }

    [Fact]
    public async Task Topk_threads_by_cpu_matches_the_log_text()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "topk", metric_name = "top_cpu_percent", k = 5, group_by = new[] { "pid" } });
        var expected = env.Logs.TopCpuByPid.GroupBy(s => s.Series)
            .Select(g => (Pid: g.Key, Avg: g.Average(s => s.Value), Max: g.Max(s => s.Value), N: g.Count()))
            .OrderByDescending(x => x.Avg).Take(5).ToList();
        var rows = Rows(body);
        Assert.Equal(5, rows.Count);
        for (var j = 0; j < 5; j++)
        {
            Assert.Equal(expected[j].Pid, rows[j][Col(body, "pid")].GetString());
            Near(expected[j].Avg, rows[j][Col(body, "value")].GetDouble(), $"avg cpu of pid {expected[j].Pid}");
            Near(expected[j].Max, rows[j][Col(body, "max_value")].GetDouble(), $"max cpu of pid {expected[j].Pid}");
            Assert.Equal(expected[j].N, rows[j][Col(body, "samples")].GetInt32());
        }
    }

    [Fact]
    public async Task Histogram_latency_percentile_matches_the_log_text()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        const double q = 0.95;
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "histogram_latency_percentile", metric_name = "dbwr_bucket_count_total", quantile = q, step_seconds = 300 });
        var expected = env.Logs.Dbwr.Where(b => b.Count > 0).GroupBy(b => Bucket(b.Ts, 300)).OrderBy(g => g.Key).Select(g =>
        {
            var buckets = g.GroupBy(b => b.Index)
                .Select(x => (Label: x.Key.ToString(CultureInfo.InvariantCulture), Ops: (double)x.Sum(b => b.Count), Avg: x.Sum(b => b.Count * b.AvgSeconds) / x.Sum(b => b.Count)))
                .OrderBy(x => x.Avg).ThenBy(x => x.Label, StringComparer.Ordinal).ToList();
            var total = buckets.Sum(b => b.Ops);
            double cumulative = 0;
            foreach (var b in buckets)
            {
                cumulative += b.Ops;
                if (cumulative >= q * total) return (Ts: g.Key, Value: b.Avg, Total: total);
            }
            throw new InvalidOperationException("unreachable");
        }).ToList();
        var rows = Rows(body);
        Assert.Equal(expected.Count, rows.Count);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Ts, Ts(rows[j], Col(body, "ts_bucket")));
            Near(expected[j].Value, rows[j][Col(body, "value")].GetDouble(), $"p95 latency at {expected[j].Ts:O}");
            Near(expected[j].Total, rows[j][Col(body, "operations")].GetDouble(), $"operations at {expected[j].Ts:O}");
        }
    }

    [Fact]
    public async Task Support_tools_describe_the_loaded_bundle()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var list = await env.Client.OkAsync("support_list_bundles");
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal(env.BundleId, list.GetProperty("active_bundle_id").GetString());

        var active = await env.Client.OkAsync("support_active_context");
        Assert.Equal(env.BundleId, active.GetProperty("bundle").GetProperty("bundle_id").GetString());
        Assert.Equal(env.Bundle.Expected.Sptid, active.GetProperty("bundle").GetProperty("sptid").GetString());
        Assert.Empty(active.GetProperty("warnings").EnumerateArray());

        var status = await env.Client.OkAsync("support_ingest_status", new { job_id = env.LoadResult.GetProperty("job_id").GetString() });
        Assert.Equal("succeeded", status.GetProperty("job").GetProperty("state").GetString());
        var jobs = await env.Client.OkAsync("support_ingest_status");
        Assert.Equal(JsonValueKind.Array, jobs.GetProperty("jobs").ValueKind);

        await env.Client.ErrorAsync("support_ingest_status", new { job_id = "no-such-job" }, "job_not_found");
        await env.Client.ErrorAsync("support_switch_active", new { bundle_id = "no-such-bundle" }, "bundle_not_found");

        // Loading the same content again is a reuse, answered at once.
        var again = await env.Client.OkAsync("support_load_bundle", new { path = env.Bundle.Path });
        Assert.Equal(env.BundleId, again.GetProperty("bundle_id").GetString());
    }

    [Fact]
    public async Task Default_responses_stay_within_the_budget_and_say_what_was_cut()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        foreach (var (tool, args) in new (string, object?)[]
        {
            ("query_run", new { metric_name = "top_cpu_percent" }),
            ("query_run", new { metric_name = "cpu_utilization" }),
            ("query_run", new { pattern_name = "summary_stats", metric_name = "top_cpu_percent" }),
            ("schema_list_tables", null),
            ("schema_list_metrics", null),
            ("schema_list_label_values", new { metric = "top_cpu_percent", label = "pid" }),
            ("query_get_patterns", null),
            ("schema_describe_metric", new { metric_name = "fpprxy_query_timeouts_total" }),
            ("support_list_bundles", null),
            ("system_health", null),
        })
        {
            var dict = args is null ? new Dictionary<string, object?>() : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(args))!;
            var result = await env.Client.CallToolAsync(tool, dict);
            var chars = result.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Sum(t => t.Text.Length);
            Assert.True(chars < 32_000, $"{tool} answered {chars} characters (~{chars / 4} tokens)");
        }
        var top = await env.Client.OkAsync("query_run", new { metric_name = "top_cpu_percent" });
        Assert.True(top.GetProperty("truncated").GetBoolean());
        Assert.Contains("group_by", top.GetProperty("hint").GetString());
    }
}
