using Npgsql;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

/// <summary>Every pattern run on a few inserted rows against the real database, with hand-computed results.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class QueryPatternTests(DatabaseFixture db) : IAsyncLifetime
{
    static readonly DateTimeOffset T0 = new(2025, 6, 28, 0, 0, 0, TimeSpan.Zero);

    // One seeded database for the whole class (xunit makes an instance per test; the rows are only read).
    static readonly SemaphoreSlim Gate = new(1, 1);
    static (DatabaseFixture Fixture, string Cs)? _shared;
    string _cs = "";

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is { } s && ReferenceEquals(s.Fixture, db)) { _cs = s.Cs; return; }
            await SeedAsync();
            _shared = (db, _cs);
        }
        finally { Gate.Release(); }
    }

    async Task SeedAsync()
    {
        (_cs, _) = await SchemaDb.CreateMigratedAsync(db);
        const string common = "ts, bundle_id, sptid, metric_category, host";
        var sql = new List<string>();
        string At(int seconds) => $"TIMESTAMPTZ '2025-06-28 00:00:00+00' + INTERVAL '{seconds} seconds'";

        // Both bundles loaded with every category: queries read only the categories a bundle lists.
        foreach (var b in new[] { "b1", "b2" })
        {
            sql.Add($"INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, host, state, categories) VALUES ('{b}', '{b}', '/x', 'h1', 'loaded', '{{CPU,MEM,DISK,NET,TOP,SMAPS,DB,FASTPATH,OTHER}}')");
        }
        // cpu_utilization: two CPUs, four samples 60 s apart; a second bundle that must never leak in.
        double[] cpu0 = [10, 20, 30, 50], cpu1 = [1, 2, 3, 4];
        for (var i = 0; i < 4; i++)
        {
            sql.Add($"INSERT INTO perf.ptops_cpu ({common}, cpu, utilization) VALUES ({At(i * 60)}, 'b1', 'NIOSSPT-1', 'cpu', 'h1', 'cpu0', {cpu0[i]})");
            sql.Add($"INSERT INTO perf.ptops_cpu ({common}, cpu, utilization) VALUES ({At(i * 60)}, 'b1', 'NIOSSPT-1', 'cpu', 'h1', 'cpu1', {cpu1[i]})");
            sql.Add($"INSERT INTO perf.ptops_cpu ({common}, cpu, utilization) VALUES ({At(i * 60)}, 'b2', NULL, 'cpu', 'h1', 'cpu0', 1000)");
        }
        // dbmpool_cache_misses (delta).
        for (var i = 0; i < 4; i++) sql.Add($"INSERT INTO perf.ptops_dbmpool ({common}, cache_misses) VALUES ({At(i * 60)}, 'b1', NULL, 'db', 'h1', {i + 1})");
        // fpports_rx_packets_total (counter) with a reset at t=120: 100, 160, 40, 100.
        double[] rx = [100, 160, 40, 100];
        for (var i = 0; i < 4; i++) sql.Add($"INSERT INTO perf.ptops_fp_ports ({common}, port, rx_packets_total) VALUES ({At(i * 60)}, 'b1', NULL, 'fastpath', 'h1', 'port0', {rx[i]})");
        // top_cpu_percent: three threads; averages pid 1 = 50, pid 2 = 30, pid 3 = 40.
        foreach (var (pid, a, b) in new[] { ("1", 40, 60), ("2", 30, 30), ("3", 50, 30) })
        {
            sql.Add($"INSERT INTO perf.ptops_top ({common}, pid, ppid, exec, cpu_percent) VALUES ({At(0)}, 'b1', NULL, 'process', 'h1', '{pid}', '1', 'named', {a})");
            sql.Add($"INSERT INTO perf.ptops_top ({common}, pid, ppid, exec, cpu_percent) VALUES ({At(60)}, 'b1', NULL, 'process', 'h1', '{pid}', '1', 'named', {b})");
        }
        // dbwr histogram: bucket 10 = 6 ops @1 ms then 2 ops @3 ms; bucket 12 = 1 op @10 ms; bucket 15 = 1 op @100 ms.
        foreach (var (t, bucket, count, avg) in new[] { (0, "10", 6, 0.001), (0, "12", 1, 0.010), (60, "10", 2, 0.003), (60, "15", 1, 0.100) })
        {
            sql.Add($"INSERT INTO perf.ptops_dbwr ({common}, bucket, bucket_count_total, bucket_avg_latency_seconds) VALUES ({At(t)}, 'b1', NULL, 'db_histogram', 'h1', '{bucket}', {count}, {avg.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }
        // mem_available_percent: 70 then 65.
        sql.Add($"INSERT INTO perf.ptops_mem ({common}, available_percent) VALUES ({At(0)}, 'b1', NULL, 'memory', 'h1', 70)");
        sql.Add($"INSERT INTO perf.ptops_mem ({common}, available_percent) VALUES ({At(60)}, 'b1', NULL, 'memory', 'h1', 65)");
        // disk_busy_percent: 10, 20, 30, 40.
        for (var i = 0; i < 4; i++) sql.Add($"INSERT INTO perf.ptops_disk ({common}, device, busy_percent) VALUES ({At(i * 60)}, 'b1', NULL, 'disk', 'h1', 'sda', {(i + 1) * 10})");
        await SchemaDb.ExecAsync(_cs, string.Join(";\n", sql));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static CatalogMetric Metric(string name)
    {
        var (g, m) = SchemaSpec.Default.FindMetric(name) ?? throw new InvalidOperationException(name);
        return CatalogMetric.FromSpec(g, m);
    }

    static QueryRequest Request(string pattern, string metric, double step = 60, params LabelFilter[] filters) => new()
    {
        Pattern = pattern,
        Metric = Metric(metric),
        BundleId = "b1",
        Start = T0,
        End = T0.AddMinutes(10),
        StepSeconds = step,
        Filters = filters,
    };

    async Task<List<Dictionary<string, object?>>> RunAsync(QueryRequest request)
    {
        var q = QueryRenderer.Render("perf", request);
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(q.Sql, conn);
        foreach (var p in q.Parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p.Value });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await r.ReadAsync())
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    static DateTime Utc(int seconds) => T0.AddSeconds(seconds).UtcDateTime;

    [Fact]
    public async Task Timeseries_avg_and_max_bucket_per_series_and_stay_in_the_bundle()
    {
        var avg = await RunAsync(Request(QueryPatterns.TimeseriesAvg, "cpu_utilization", 120));
        Assert.Equal(4, avg.Count);
        Assert.All(avg, r => Assert.Equal("b1", r["bundle_id"]));
        var cpu0 = avg.Where(r => (string?)r["cpu"] == "cpu0").ToList();
        Assert.Equal([Utc(0), Utc(120)], cpu0.Select(r => (DateTime)r["ts_bucket"]!));
        Assert.Equal([15.0, 40.0], cpu0.Select(r => (double)r["value"]!));
        Assert.Equal("NIOSSPT-1", cpu0[0]["sptid"]);

        var max = await RunAsync(Request(QueryPatterns.TimeseriesMax, "cpu_utilization", 120, new LabelFilter("cpu", "cpu0")));
        Assert.Equal([20.0, 50.0], max.Select(r => (double)r["value"]!));

        var both = await RunAsync(Request(QueryPatterns.TimeseriesAvg, "cpu_utilization", 240, new LabelFilter("cpu", ["cpu0", "cpu1"])));
        Assert.Equal([27.5, 2.5], both.Select(r => (double)r["value"]!));
    }

    [Fact]
    public async Task Timeseries_sum_adds_interval_counts()
    {
        var rows = await RunAsync(Request(QueryPatterns.TimeseriesSum, "dbmpool_cache_misses", 120));
        Assert.Equal([3.0, 7.0], rows.Select(r => (double)r["value"]!));
    }

    [Fact]
    public async Task Counter_rate_treats_a_decrease_as_a_reset_not_a_negative_rate()
    {
        // Increases: +60 at t60, reset at t120 (the counter restarted, so +40), +60 at t180.
        var perMinute = await RunAsync(Request(QueryPatterns.CounterRate, "fpports_rx_packets_total", 60));
        Assert.Equal([Utc(60), Utc(120), Utc(180)], perMinute.Select(r => (DateTime)r["ts_bucket"]!));
        Assert.Equal([1.0, 40.0 / 60, 1.0], perMinute.Select(r => (double)r["value"]!));
        Assert.All(perMinute, r => Assert.True((double)r["value"]! >= 0));

        // Wider buckets: total increase over seconds covered.
        var wide = await RunAsync(Request(QueryPatterns.CounterRate, "fpports_rx_packets_total", 120, new LabelFilter("port", "port0")));
        Assert.Equal(2, wide.Count);
        Assert.Equal(1.0, (double)wide[0]["value"]!, 12);
        Assert.Equal(100.0 / 120, (double)wide[1]["value"]!, 12);
    }

    [Fact]
    public async Task Topk_ranks_series_per_bucket()
    {
        var rows = await RunAsync(Request(QueryPatterns.TopK, "top_cpu_percent", 600) with { K = 2 });
        Assert.Equal(["1", "3"], rows.Select(r => (string)r["pid"]!));
        Assert.Equal([50.0, 40.0], rows.Select(r => (double)r["value"]!));
        Assert.Equal([1L, 2L], rows.Select(r => (long)r["rank"]!));
    }

    [Fact]
    public async Task Histogram_ops_per_sec_sums_all_buckets_over_the_step()
    {
        var rows = await RunAsync(Request(QueryPatterns.HistogramOpsPerSec, "dbwr_bucket_count_total", 120));
        var row = Assert.Single(rows);
        Assert.Equal(10.0 / 120, (double)row["value"]!, 12);
        Assert.False(row.ContainsKey("bucket"));
    }

    [Theory]
    [InlineData(0.5, 0.0015)]   // rank 5 of 10 falls in bucket 10: (6 x 1 ms + 2 x 3 ms) / 8
    [InlineData(0.8, 0.0015)]   // rank 8: still bucket 10 (cumulative 8)
    [InlineData(0.9, 0.010)]    // rank 9: bucket 12
    [InlineData(0.95, 0.100)]   // rank 9.5: bucket 15
    [InlineData(1.0, 0.100)]
    public async Task Histogram_latency_percentile_is_estimated_from_counts_and_bucket_averages(double quantile, double expected)
    {
        var request = Request(QueryPatterns.HistogramLatencyPercentile, "dbwr_bucket_count_total", 600) with
        {
            Quantile = quantile,
            Companion = Metric("dbwr_bucket_avg_latency_seconds"),
        };
        var row = Assert.Single(await RunAsync(request));
        Assert.Equal(expected, (double)row["value"]!, 12);
        Assert.Equal(10.0, (double)row["operations"]!);

        // Starting from the latency metric gives the same answer.
        var reverse = request with { Metric = Metric("dbwr_bucket_avg_latency_seconds"), Companion = Metric("dbwr_bucket_count_total") };
        Assert.Equal(expected, (double)Assert.Single(await RunAsync(reverse))["value"]!, 12);
    }

    [Fact]
    public async Task Latest_value_gives_the_last_sample_per_series()
    {
        var row = Assert.Single(await RunAsync(Request(QueryPatterns.LatestValue, "mem_available_percent")));
        Assert.Equal(65.0, (double)row["value"]!);
        Assert.Equal(Utc(60), (DateTime)row["ts"]!);

        var perCpu = await RunAsync(Request(QueryPatterns.LatestValue, "cpu_utilization"));
        Assert.Equal([50.0, 4.0], perCpu.Select(r => (double)r["value"]!));
    }

    [Fact]
    public async Task Summary_stats_gives_min_avg_max_p95_per_series()
    {
        var row = Assert.Single(await RunAsync(Request(QueryPatterns.SummaryStats, "disk_busy_percent")));
        Assert.Equal(4L, (long)row["samples"]!);
        Assert.Equal(10.0, (double)row["min_value"]!);
        Assert.Equal(25.0, (double)row["avg_value"]!);
        Assert.Equal(40.0, (double)row["max_value"]!);
        Assert.Equal(38.5, (double)row["p95_value"]!, 12); // continuous: 30 + 0.85 x (40 - 30)
        Assert.Equal(Utc(0), (DateTime)row["first_ts"]!);
        Assert.Equal(Utc(180), (DateTime)row["last_ts"]!);
    }

    [Fact]
    public async Task Every_pattern_runs_for_every_metric_of_a_fitting_kind()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        var spec = SchemaSpec.Default;
        var runs = 0;
        foreach (var (g, m, _) in spec.Metrics)
        {
            foreach (var p in QueryPatterns.For(m.Kind))
            {
                if (p.SqlTemplate.Contains(QueryPlaceholders.GroupLabels) && !g.LabelNames.Contains(QueryRenderer.HistogramBucketLabel)) continue;
                var companion = p.Name == QueryPatterns.HistogramLatencyPercentile
                    ? g.Metrics.Where(x => x.Kind == (m.Kind == MetricKind.HistogramBucket ? MetricKind.HistogramAvg : MetricKind.HistogramBucket)).Select(x => CatalogMetric.FromSpec(g, x)).Single()
                    : null;
                var q = QueryRenderer.Render("perf", new QueryRequest
                {
                    Pattern = p.Name,
                    Metric = CatalogMetric.FromSpec(g, m),
                    BundleId = "b1",
                    Start = T0,
                    End = T0.AddHours(1),
                    Companion = companion,
                    Filters = g.Labels.Count > 0 ? [new LabelFilter(g.Labels[0].Name, ["x", "y"])] : [],
                });
                Assert.DoesNotContain("{", q.Sql);
                await using var cmd = new NpgsqlCommand(q.Sql, conn);
                foreach (var prm in q.Parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = prm.Value });
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) { }
                runs++;
            }
        }
        Assert.True(runs > spec.Metrics.Count(), $"only {runs} pattern runs");
    }
}
