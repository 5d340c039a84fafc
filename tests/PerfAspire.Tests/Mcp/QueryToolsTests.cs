using System.Globalization;
using System.Text.Json;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class QueryToolsTests(DatabaseFixture db)
{
    const double Tolerance = 1e-5;

    static DateTimeOffset Bucket(DateTimeOffset ts, int step) =>
        DateTimeOffset.FromUnixTimeSeconds(ts.ToUnixTimeSeconds() / step * step);

    static List<JsonElement> Rows(JsonElement body) => [.. body.GetProperty("rows").EnumerateArray()];

    static int Col(JsonElement body, string name) =>
        body.GetProperty("columns").EnumerateArray().Select((c, i) => (c.GetString(), i)).Single(x => x.Item1 == name).i;

    static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Fact]
    public async Task Timeseries_avg_matches_the_data_per_five_minute_bucket()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new
        {
            pattern_name = "timeseries_avg",
            metric_name = "cpu_utilization",
            step_seconds = 300,
            filters = new { cpu = "cpu0" },
        });
        Assert.Equal(300, body.GetProperty("step_seconds").GetInt32());
        Assert.Equal("requested", body.GetProperty("step_chosen").GetString());
        var expected = Enumerable.Range(0, TestBundleData.Epochs)
            .GroupBy(i => Bucket(TestBundleData.Ts(i), 300))
            .Select(g => (Ts: g.Key, Value: g.Average(i => TestBundleData.CpuUtilization(TestBundleData.ActiveBundle, i, 1))))
            .ToList();
        var rows = Rows(body);
        Assert.Equal(expected.Count, rows.Count);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Ts, DateTimeOffset.Parse(rows[j][Col(body, "ts_bucket")].GetString()!, CultureInfo.InvariantCulture));
            Near(expected[j].Value, rows[j][Col(body, "value")].GetDouble());
            Assert.Equal("cpu0", rows[j][Col(body, "cpu")].GetString());
        }
    }

    [Fact]
    public async Task Counter_rate_treats_a_decrease_as_a_reset_and_sums_collapsed_series()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = "fpports_rx_packets_total", step_seconds = 60 });
        Assert.Equal(60, body.GetProperty("step_seconds").GetInt32());
        var rows = Rows(body);
        double Rate(int i, int p)
        {
            var prev = TestBundleData.PortRx(i - 1, p);
            var cur = TestBundleData.PortRx(i, p);
            return (cur >= prev ? cur - prev : cur) / 60.0;
        }
        var expected = new List<(string Port, DateTimeOffset Ts, double Value)>();
        for (var p = 0; p < 2; p++)
        {
            for (var i = 1; i < TestBundleData.Epochs; i++) expected.Add((TestBundleData.Ports[p], TestBundleData.Ts(i), Rate(i, p)));
        }
        Assert.Equal(expected.Count, rows.Count);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Port, rows[j][Col(body, "port")].GetString());
            Assert.Equal(expected[j].Ts, DateTimeOffset.Parse(rows[j][Col(body, "ts_bucket")].GetString()!, CultureInfo.InvariantCulture));
            Near(expected[j].Value, rows[j][Col(body, "value")].GetDouble());
        }
        Assert.DoesNotContain(rows, r => r[Col(body, "value")].GetDouble() < 0);

        // group_by [] sums the per-port rates; 5-minute buckets average each port's rates first.
        var total = await env.Client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = "fpports_rx_packets_total", step_seconds = 300, group_by = Array.Empty<string>() });
        var expectedTotal = Enumerable.Range(1, TestBundleData.Epochs - 1)
            .GroupBy(i => Bucket(TestBundleData.Ts(i), 300))
            .Select(g => g.Average(i => Rate(i, 0)) + g.Average(i => Rate(i, 1)))
            .ToList();
        Assert.Equal(expectedTotal.Count, Rows(total).Count);
        for (var j = 0; j < expectedTotal.Count; j++) Near(expectedTotal[j], Rows(total)[j][Col(total, "value")].GetDouble());
    }

    [Fact]
    public async Task Topk_ranks_threads_by_average_cpu_over_the_whole_bundle()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "topk", metric_name = "top_cpu_percent", k = 3 });
        var expected = TestBundleData.Threads.Select((t, idx) => (t.Pid, t.Exec,
                Values: Enumerable.Range(0, TestBundleData.Epochs).Select(i => TestBundleData.TopCpu(TestBundleData.ActiveBundle, i, idx)).OfType<double>().ToList()))
            .Select(x => (x.Pid, x.Exec, Avg: x.Values.Average(), Max: x.Values.Max(), N: x.Values.Count))
            .OrderByDescending(x => x.Avg).ToList();
        var rows = Rows(body);
        Assert.Equal(3, rows.Count);
        Assert.Equal("whole window (give step_seconds for a ranking per time bucket)", body.GetProperty("ranking").GetString());
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j].Pid, rows[j][Col(body, "pid")].GetString());
            Assert.Equal(expected[j].Exec, rows[j][Col(body, "exec")].GetString());
            Near(expected[j].Avg, rows[j][Col(body, "value")].GetDouble());
            Near(expected[j].Max, rows[j][Col(body, "max_value")].GetDouble());
            Assert.Equal(expected[j].N, rows[j][Col(body, "samples")].GetInt32());
        }
        Assert.False(body.TryGetProperty("step_seconds", out _), "a whole-window ranking has no step");

        // Ranked by the maximum instead; and per 10-minute bucket when a step is given (the schema's topk template).
        var byMax = await env.Client.OkAsync("query_run", new { pattern_name = "topk", metric_name = "top_cpu_percent", k = 1, order_by = "max" });
        Assert.Equal(expected.OrderByDescending(x => x.Max).First().Pid, Rows(byMax)[0][Col(byMax, "pid")].GetString());
        var perBucket = await env.Client.OkAsync("query_run", new { pattern_name = "topk", metric_name = "top_cpu_percent", k = 2, step_seconds = 600 });
        Assert.Equal(3 * 2, perBucket.GetProperty("row_count").GetInt32());
        Assert.All(Rows(perBucket), r => Assert.InRange(r[Col(perBucket, "rank")].GetInt32(), 1, 2));
        Assert.Equal(TestBundleData.Host, perBucket.GetProperty("constant_columns").GetProperty("host").GetString());
    }

    [Fact]
    public async Task Histogram_latency_percentile_matches_an_independent_estimate()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new
        {
            pattern_name = "histogram_latency_percentile",
            metric_name = "dbwr_bucket_count_total",
            quantile = 0.9,
            step_seconds = 300,
        });
        var order = Enumerable.Range(0, TestBundleData.Buckets.Length).OrderBy(b => TestBundleData.Buckets[b]).ToList();
        var expected = Enumerable.Range(0, TestBundleData.Epochs).GroupBy(i => Bucket(TestBundleData.Ts(i), 300)).Select(g =>
        {
            var ops = order.ToDictionary(b => b, b => g.Sum(i => (double)TestBundleData.DbwrCount(i, b)));
            var total = ops.Values.Sum();
            double cumulative = 0;
            foreach (var b in order)
            {
                cumulative += ops[b];
                if (cumulative >= 0.9 * total)
                {
                    var latency = g.Sum(i => TestBundleData.DbwrCount(i, b) * TestBundleData.DbwrLatency(i, b)) / ops[b];
                    return (Ts: g.Key, Value: latency, Total: total);
                }
            }
            throw new InvalidOperationException("unreachable");
        }).ToList();
        var rows = Rows(body);
        Assert.Equal(expected.Count, rows.Count);
        for (var j = 0; j < rows.Count; j++)
        {
            Assert.Equal(expected[j].Ts, DateTimeOffset.Parse(rows[j][Col(body, "ts_bucket")].GetString()!, CultureInfo.InvariantCulture));
            Near(expected[j].Value, rows[j][Col(body, "value")].GetDouble());
            Near(expected[j].Total, rows[j][Col(body, "operations")].GetDouble());
        }
    }

    [Fact]
    public async Task Queries_are_scoped_to_the_active_bundle_unless_another_is_named()
    {
        var env = await McpEnvironment.GetAsync(db);
        var active = await env.Client.OkAsync("query_run", new { pattern_name = "summary_stats", metric_name = "cpu_utilization", filters = new { cpu = "cpu" } });
        var other = await env.Client.OkAsync("query_run", new { pattern_name = "summary_stats", metric_name = "cpu_utilization", filters = new { cpu = "cpu" }, bundle_id = TestBundleData.OtherBundle });
        Assert.Equal(TestBundleData.ActiveBundle, active.GetProperty("bundle_id").GetString());
        Assert.Equal(TestBundleData.OtherBundle, other.GetProperty("bundle_id").GetString());
        double Avg(string b) => Enumerable.Range(0, TestBundleData.Epochs).Average(i => TestBundleData.CpuUtilization(b, i, 0));
        Near(Avg(TestBundleData.ActiveBundle), Rows(active)[0][Col(active, "avg_value")].GetDouble());
        Near(Avg(TestBundleData.OtherBundle), Rows(other)[0][Col(other, "avg_value")].GetDouble());
        Assert.Equal(TestBundleData.Epochs, Rows(active)[0][Col(active, "samples")].GetInt32());
    }

    [Fact]
    public async Task Step_is_chosen_automatically_and_too_fine_steps_are_raised_with_a_warning()
    {
        var env = await McpEnvironment.GetAsync(db);
        var auto = await env.Client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
        Assert.Equal("timeseries_avg", auto.GetProperty("pattern_name").GetString());
        Assert.Equal(60, auto.GetProperty("step_seconds").GetInt32());
        Assert.Equal("automatic", auto.GetProperty("step_chosen").GetString());
        Assert.Equal(TestBundleData.Epochs, auto.GetProperty("row_count").GetInt32());

        var fine = await env.Client.OkAsync("query_run", new { metric_name = "mem_available_percent", step_seconds = 1 });
        Assert.Equal(60, fine.GetProperty("step_seconds").GetInt32());
        Assert.StartsWith("step_increased", fine.GetProperty("warnings")[0].GetString());
        await env.Client.ErrorAsync("query_run", new { metric_name = "mem_available_percent", step_seconds = 0.5 }, "invalid_step");
    }

    [Fact]
    public async Task Every_time_form_gives_the_same_window()
    {
        var env = await McpEnvironment.GetAsync(db);
        var end = TestBundleData.Ts(TestBundleData.Epochs - 1);
        var start = end.AddMinutes(-10);
        object[] forms =
        [
            new { metric_name = "mem_available_percent", start_time = start.ToString("O"), end_time = end.ToString("O") },
            new { metric_name = "mem_available_percent", start_time = start.ToUnixTimeMilliseconds(), end_time = end.ToUnixTimeMilliseconds() },
            new { metric_name = "mem_available_percent", start_time = start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), end_time = "bundle_end" },
            new { metric_name = "mem_available_percent", start_time = "bundle_end-10m", end_time = "bundle_end" },
            new { metric_name = "mem_available_percent", start_time = "2025-06-28 13:19:00Z" },
        ];
        foreach (var args in forms)
        {
            var body = await env.Client.OkAsync("query_run", args);
            Assert.Equal(11, body.GetProperty("row_count").GetInt32());
            Assert.Equal("2025-06-28T13:19:00Z", body.GetProperty("window").GetProperty("start").GetString());
            Assert.Equal("2025-06-28T13:29:00Z", body.GetProperty("window").GetProperty("end").GetString());
        }
    }

    [Fact]
    public async Task Cut_results_say_truncated_and_how_to_get_the_rest()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { metric_name = "cpu_utilization", max_rows = 5 });
        Assert.True(body.GetProperty("truncated").GetBoolean());
        Assert.Equal(5, body.GetProperty("row_count").GetInt32());
        Assert.Contains("max_rows", body.GetProperty("hint").GetString());
        var exact = await env.Client.OkAsync("query_run", new { metric_name = "cpu_utilization", max_rows = TestBundleData.Epochs * 3 });
        Assert.False(exact.GetProperty("truncated").GetBoolean());
        Assert.Equal(TestBundleData.Epochs * 3, exact.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task Empty_results_explain_why_and_suggest_the_next_call()
    {
        var env = await McpEnvironment.GetAsync(db);
        var filter = await env.Client.OkAsync("query_run", new { metric_name = "cpu_utilization", filters = new { cpu = "cpu99" } });
        Assert.Equal("filter_matched_nothing", filter.GetProperty("empty_reason").GetString());
        Assert.Contains("schema_list_label_values", filter.GetProperty("hint").GetString());

        var outside = await env.Client.OkAsync("query_run", new { metric_name = "cpu_utilization", start_time = "2020-01-01T00:00:00Z", end_time = "2020-01-02T00:00:00Z" });
        Assert.Equal("window_outside_bundle", outside.GetProperty("empty_reason").GetString());

        var missing = await env.Client.OkAsync("query_run", new { metric_name = "fpports_rx_packets_total", bundle_id = TestBundleData.OtherBundle });
        Assert.Equal("no_data_for_metric", missing.GetProperty("empty_reason").GetString());
        Assert.Equal(0, missing.GetProperty("row_count").GetInt32());

        var gap = await env.Client.OkAsync("query_run", new { metric_name = "disk_busy_percent" });
        Assert.Equal("no_data_for_metric", gap.GetProperty("empty_reason").GetString());
    }

    [Fact]
    public async Task Build_sql_returns_bind_parameters_and_never_inlines_values()
    {
        var env = await McpEnvironment.GetAsync(db);
        const string hostile = "x'); DELETE FROM perf.bundles; --";
        var body = await env.Client.OkAsync("query_build_sql", new
        {
            pattern_name = "timeseries_avg",
            metric_name = "top_cpu_percent",
            start_time = "bundle_start",
            end_time = "bundle_end",
            step_seconds = 60,
            filters = new { exec = hostile, pid = new[] { "101", "102" } },
        });
        var sql = body.GetProperty("sql").GetString()!;
        Assert.DoesNotContain("DELETE", sql);
        Assert.DoesNotContain(TestBundleData.ActiveBundle, sql);
        Assert.Contains("perf.top_cpu_percent", sql);
        var order = body.GetProperty("param_order").EnumerateArray().Select(x => x.GetString()).ToList();
        Assert.Contains($"bundle_id = ${order.IndexOf("bundle_id") + 1}", sql);
        var p = body.GetProperty("params");
        var execParam = order.IndexOf(order.Single(n => p.GetProperty(n!).ValueKind == JsonValueKind.String && p.GetProperty(n!).GetString() == hostile)) + 1;
        Assert.Contains($"exec = ${execParam}", sql);
        var pidParam = order.Single(n => p.GetProperty(n!).ValueKind == JsonValueKind.Array);
        Assert.Equal(["101", "102"], p.GetProperty(pidParam!).EnumerateArray().Select(x => x.GetString()));
        Assert.Contains($"pid = ANY(${order.IndexOf(pidParam) + 1})", sql);
        Assert.EndsWith($"LIMIT ${order.Count}", sql);
        Assert.Equal(TestBundleData.ActiveBundle, p.GetProperty("bundle_id").GetString());
        Assert.Equal("2025-06-28T13:00:00Z", p.GetProperty("start_time").GetString());
        Assert.Equal(60, p.GetProperty("step_seconds").GetInt32());

        await env.Client.ErrorAsync("query_build_sql", new { pattern_name = "timeseries_avgg", metric_name = "cpu_utilization" }, "pattern_not_found");
        await env.Client.ErrorAsync("query_build_sql", new { pattern_name = "histogram_latency_percentile", metric_name = "cpu_utilization" }, "pattern_not_applicable");
    }

    [Fact]
    public async Task Get_patterns_lists_all_and_filters_by_kind()
    {
        var env = await McpEnvironment.GetAsync(db);
        var all = await env.Client.OkAsync("query_get_patterns");
        var names = all.GetProperty("patterns").EnumerateArray().Select(p => p.GetProperty("pattern_name").GetString()).ToList();
        Assert.Equal(["timeseries_avg", "timeseries_max", "timeseries_sum", "counter_rate", "topk", "histogram_ops_per_sec", "histogram_latency_percentile", "latest_value", "summary_stats"], names);
        var counter = await env.Client.OkAsync("query_get_patterns", new { metric_kind = "counter" });
        var counterNames = counter.GetProperty("patterns").EnumerateArray().Select(p => p.GetProperty("pattern_name").GetString()).ToList();
        Assert.Contains("counter_rate", counterNames);
        Assert.DoesNotContain("timeseries_avg", counterNames);
        await env.Client.ErrorAsync("query_get_patterns", new { metric_kind = "gauges; DROP" }, "invalid_argument");
    }

    [Fact]
    public async Task Histogram_ops_per_sec_sums_bucket_counts_per_step()
    {
        var env = await McpEnvironment.GetAsync(db);
        var body = await env.Client.OkAsync("query_run", new { pattern_name = "histogram_ops_per_sec", metric_name = "dbwr_bucket_avg_latency_seconds", step_seconds = 600 });
        Assert.Equal("dbwr_bucket_count_total", body.GetProperty("metric_name").GetString());
        var expected = Enumerable.Range(0, TestBundleData.Epochs).GroupBy(i => Bucket(TestBundleData.Ts(i), 600))
            .Select(g => g.Sum(i => Enumerable.Range(0, TestBundleData.Buckets.Length).Sum(b => (double)TestBundleData.DbwrCount(i, b))) / 600).ToList();
        Assert.Equal(expected.Count, Rows(body).Count);
        for (var j = 0; j < expected.Count; j++) Near(expected[j], Rows(body)[j][Col(body, "value")].GetDouble());
    }
}
