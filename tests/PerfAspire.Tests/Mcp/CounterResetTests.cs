using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Insights;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema.Query;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// One counter rule everywhere: port1 of <see cref="TestBundleData"/> restarts at epoch 15 (its counter drops from 1200
/// to 7). Every path that turns a counter into a rate — query_run counter_rate and whole-window topk (from the samples
/// and from the rollup ingestion wrote), top_n, graph_topk, compare_windows and the rollup row itself — gives the
/// reset-aware rate computed here from the raw values, and so the same ranking.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class CounterResetTests(DatabaseFixture db)
{
    const string Metric = "fpports_rx_packets_total";
    const double Seconds = (TestBundleData.Epochs - 1) * 60.0;

    /// <summary>The rate by the rule: summed increases (a decrease counts the new value) over the seconds covered.</summary>
    static double Expected(int port)
    {
        var increase = 0.0;
        for (var i = 1; i < TestBundleData.Epochs; i++)
        {
            var (prev, v) = (TestBundleData.PortRx(i - 1, port), TestBundleData.PortRx(i, port));
            increase += v >= prev ? v - prev : v;
        }
        return increase / Seconds;
    }

    [Fact]
    public async Task Every_path_gives_the_same_reset_aware_rate_and_ranking()
    {
        var env = await McpEnvironment.GetAsync(db);
        var expected = TestBundleData.Ports.Select((p, i) => (Port: p, Rate: Expected(i))).OrderByDescending(x => x.Rate).ToList();
        // The reset matters: (max - min) / elapsed, the rule that ignored it, would give port1 a different rate.
        var port1 = Enumerable.Range(0, TestBundleData.Epochs).Select(i => TestBundleData.PortRx(i, 1)).ToList();
        Assert.True(Math.Abs((port1.Max() - port1.Min()) / Seconds - Expected(1)) > 0.1);
        var paths = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);

        // query_run topk over the whole bundle: answered from the rollup (checked below).
        var topk = await env.Client.OkAsync("query_run", new { pattern_name = "topk", metric_name = Metric });
        paths["query_run topk (rollup)"] = Rows(topk, "port", "value");

        // The same ranking from the samples.
        var services = env.Server.Services;
        await using (var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None))
        {
            var plan = (await services.GetRequiredService<QueryPlanner>().PlanAsync(
                new QueryArguments { Pattern = "topk", Metric = Metric }, session, CancellationToken.None)).Plan;
            Assert.True((await services.GetRequiredService<SeriesRollup>().ChooseAsync(session, plan, CancellationToken.None)).FromRollup);
            var scan = await services.GetRequiredService<QueryRunner>().RunAsync(session, WholeWindowSql.Scan(plan.Sql), 100, CancellationToken.None);
            paths["query_run topk (scan)"] = ByPort(scan);

            // counter_rate at steps that are multiples of the time-bucketed rollup's width reads bundle_buckets (checked
            // here, as query_run chooses it), and the same plan from the samples; 13:00 .. 13:29 lies in one bucket.
            foreach (var step in new[] { RollupSql.BucketSeconds, 2 * RollupSql.BucketSeconds })
            {
                var ratePlan = (await services.GetRequiredService<QueryPlanner>().PlanAsync(
                    new QueryArguments { Pattern = "counter_rate", Metric = Metric, StepSeconds = step }, session, CancellationToken.None)).Plan;
                var chosen = await services.GetRequiredService<SeriesRollup>().ChooseAsync(session, ratePlan, CancellationToken.None);
                Assert.True(chosen.FromBuckets, $"counter_rate at {step} s does not read {RollupSql.BucketsTable}");
                var samples = await services.GetRequiredService<QueryRunner>().RunAsync(session, PatternSql.Render(ratePlan.Sql), 100, CancellationToken.None);
                paths[$"query_run counter_rate {step} s (samples)"] = ByPort(samples);
                var rate = await env.Client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = Metric, step_seconds = step });
                paths[$"query_run counter_rate {step} s (buckets)"] = Rows(rate, "port", "value");
            }
        }

        foreach (var tool in new[] { "top_n", "graph_topk" })
        {
            var reply = await ToolReply.OkAsync(env.Client, tool, new { metric = Metric });
            var ranking = reply.Body.GetProperty("ranking").EnumerateArray().ToList();
            Assert.Equal(expected.Select(x => x.Port), ranking.Select(r => r.GetProperty("labels").GetProperty("port").GetString()));
            paths[tool] = ranking.ToDictionary(r => r.GetProperty("labels").GetProperty("port").GetString()!, r => r.GetProperty("avg").GetDouble());
        }

        // compare_windows: window A is the whole bundle (window B after it holds nothing).
        var whole = JsonSerializer.SerializeToElement("bundle_start");
        var compared = await ActivatorUtilities.CreateInstance<WindowComparison>(services).CompareAsync(
            whole, JsonSerializer.SerializeToElement("bundle_end"),
            JsonSerializer.SerializeToElement("bundle_end+1h"), JsonSerializer.SerializeToElement("bundle_end+2h"),
            null, "fastpath", CancellationToken.None);
        paths["compare_windows"] = compared.Changes.Where(c => c.Metric.Name == Metric)
            .ToDictionary(c => c.Labels["port"]!, c => c.Change.A.Mean);

        // The rollup row as ingestion wrote it.
        await using (var conn = new NpgsqlConnection(env.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT labels ->> 'port', {PerfAspire.Schema.Query.RollupSql.CounterRate} FROM perf.bundle_series WHERE bundle_id = $1 AND metric = $2", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = TestBundleData.ActiveBundle });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Metric });
            var rows = new Dictionary<string, double>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows[r.GetString(0)] = r.GetDouble(1);
            paths["bundle_series"] = rows;
        }

        foreach (var (path, rates) in paths)
        {
            Assert.True(rates.Count == expected.Count, $"{path}: {rates.Count} series");
            foreach (var (port, want) in expected) Assert.True(Math.Abs(rates[port] - want) < 1e-4, $"{path}: {port} rate {rates[port]}, expected {want}");
            Assert.Equal(expected.Select(x => x.Port), rates.OrderByDescending(kv => kv.Value).Select(kv => kv.Key));
        }
    }

    /// <summary>
    /// A reset on the boundary of two rollup buckets (the first sample of a bucket is below the last of the one before)
    /// and one inside a bucket: counter_rate per 30-min and per hour bucket from bundle_buckets and from the samples,
    /// and the whole-bundle rate of top_n and query_run topk, all equal the rule applied here to the raw values (a step
    /// belongs to the bucket of its later sample).
    /// </summary>
    [Fact]
    public async Task A_reset_on_a_rollup_bucket_boundary_counts_in_the_bucket_it_ends_in()
    {
        const string bundle = "c0ffee00-reset-boundary";
        const int epochs = 90;
        static double Rx(int i, int port) => port == 0 ? 1000 + 100 * i : i < 30 ? 500 + 50 * i : i < 70 ? 3 + 20 * (i - 30) : 1 + 80 * (i - 70);

        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using (var cmd = new NpgsqlCommand("""
                INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, sptid, host, state, active, loaded_at, time_start, time_end, sample_interval_seconds, categories)
                VALUES (@id, 'c0ffee00', '/bundles/reset-boundary.tar.gz', 'NIOSSPT-12345', @host, 'loaded', true, now(), @s, @e, 60, '{FASTPATH}')
                """, conn))
            {
                cmd.Parameters.AddWithValue("id", bundle);
                cmd.Parameters.AddWithValue("host", TestBundleData.Host);
                cmd.Parameters.AddWithValue("s", TestBundleData.T0);
                cmd.Parameters.AddWithValue("e", TestBundleData.T0.AddMinutes(epochs - 1));
                await cmd.ExecuteNonQueryAsync();
            }
            await TestBundleData.WritePortsAsync(conn, bundle, TestBundleData.T0, epochs, Rx);
        }
        // The boundary step: 13:29 -> 13:30 ends in the second 30-min bucket.
        Assert.True(Rx(30, 1) < Rx(29, 1) && TestBundleData.T0.AddMinutes(30).Minute == 30);

        // Expected rate per port and bucket start: the increases of the steps ending in the bucket over their seconds.
        static Dictionary<(string, DateTimeOffset), double> Expected(int step)
        {
            var sums = new Dictionary<(string, DateTimeOffset), (double Increase, double Seconds)>();
            for (var p = 0; p < TestBundleData.Ports.Length; p++)
            {
                for (var i = 1; i < epochs; i++)
                {
                    var ts = TestBundleData.T0.AddMinutes(i);
                    var start = DateTimeOffset.FromUnixTimeSeconds(ts.ToUnixTimeSeconds() / step * step);
                    var (prev, v) = (Rx(i - 1, p), Rx(i, p));
                    sums.TryGetValue((TestBundleData.Ports[p], start), out var s);
                    sums[(TestBundleData.Ports[p], start)] = (s.Increase + (v >= prev ? v - prev : v), s.Seconds + 60);
                }
            }
            return sums.ToDictionary(kv => kv.Key, kv => kv.Value.Increase / kv.Value.Seconds);
        }

        await using var server = await McpTestServer.StartAsync(cs);
        var client = await server.ConnectAsync();
        var services = server.Services;
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);
        foreach (var step in new[] { RollupSql.BucketSeconds, 2 * RollupSql.BucketSeconds })
        {
            var want = Expected(step);
            Assert.Equal(step == RollupSql.BucketSeconds ? 6 : 4, want.Count);
            var plan = (await services.GetRequiredService<QueryPlanner>().PlanAsync(
                new QueryArguments { Pattern = "counter_rate", Metric = Metric, StepSeconds = step }, session, CancellationToken.None)).Plan;
            Assert.True((await services.GetRequiredService<SeriesRollup>().ChooseAsync(session, plan, CancellationToken.None)).FromBuckets);
            var samples = await services.GetRequiredService<QueryRunner>().RunAsync(session, PatternSql.Render(plan.Sql), 100, CancellationToken.None);
            var (sTs, sPort, sValue) = (samples.Columns.ToList().IndexOf("ts_bucket"), samples.Columns.ToList().IndexOf("port"), samples.Columns.ToList().IndexOf("value"));
            var fromSamples = samples.Rows.ToDictionary(r => ((string)r[sPort]!, (DateTimeOffset)r[sTs]!), r => (double)r[sValue]!);

            var body = await client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = Metric, step_seconds = step });
            var columns = body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
            var (ts, port, value) = (columns.IndexOf("ts_bucket"), columns.IndexOf("port"), columns.IndexOf("value"));
            var fromBuckets = body.GetProperty("rows").EnumerateArray().ToDictionary(
                r => (r[port].GetString()!, DateTimeOffset.Parse(r[ts].GetString()!, System.Globalization.CultureInfo.InvariantCulture)),
                r => r[value].GetDouble());

            foreach (var (path, got) in new[] { ("samples", fromSamples), ("buckets", fromBuckets) })
            {
                Assert.True(got.Count == want.Count, $"{step} s {path}: {got.Count} rows, expected {want.Count}");
                foreach (var (key, rate) in want)
                {
                    // query_run answers rounded values.
                    Assert.True(got.TryGetValue(key, out var g) && Math.Abs(g - rate) < 1e-4, $"{step} s {path}: {key} rate {g}, expected {rate}");
                }
            }
        }

        // The whole bundle: summed increases over summed seconds, the same through the series rollup and the tools.
        var whole = TestBundleData.Ports.Select((name, p) =>
        {
            var increase = 0.0;
            for (var i = 1; i < epochs; i++) increase += Rx(i, p) >= Rx(i - 1, p) ? Rx(i, p) - Rx(i - 1, p) : Rx(i, p);
            return (Port: name, Rate: increase / ((epochs - 1) * 60.0));
        }).ToDictionary(x => x.Port, x => x.Rate);
        var topk = Rows(await client.OkAsync("query_run", new { pattern_name = "topk", metric_name = Metric }), "port", "value");
        var topN = (await ToolReply.OkAsync(client, "top_n", new { metric = Metric })).Body.GetProperty("ranking").EnumerateArray()
            .ToDictionary(r => r.GetProperty("labels").GetProperty("port").GetString()!, r => r.GetProperty("avg").GetDouble());
        foreach (var (path, got) in new[] { ("query_run topk", topk), ("top_n", topN) })
        {
            foreach (var (p, rate) in whole) Assert.True(Math.Abs(got[p] - rate) < 1e-4, $"{path}: {p} rate {got[p]}, expected {rate}");
        }
    }

    static Dictionary<string, double> ByPort(QueryRows result)
    {
        var port = result.Columns.ToList().IndexOf("port");
        var value = result.Columns.ToList().IndexOf("value");
        return result.Rows.ToDictionary(r => (string)r[port]!, r => (double)r[value]!);
    }

    /// <summary>query_run rows keyed by one label column.</summary>
    static Dictionary<string, double> Rows(JsonElement body, string label, string value)
    {
        var columns = body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var (l, v) = (columns.IndexOf(label), columns.IndexOf(value));
        return body.GetProperty("rows").EnumerateArray().ToDictionary(r => r[l].GetString()!, r => r[v].GetDouble());
    }
}
