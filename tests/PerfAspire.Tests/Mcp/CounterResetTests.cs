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
            var port = scan.Columns.ToList().IndexOf("port");
            var value = scan.Columns.ToList().IndexOf("value");
            paths["query_run topk (scan)"] = scan.Rows.ToDictionary(r => (string)r[port]!, r => (double)r[value]!);
        }

        // counter_rate with one time bucket holding the whole bundle (13:00 .. 13:29 lies in one hour).
        var rate = await env.Client.OkAsync("query_run", new { pattern_name = "counter_rate", metric_name = Metric, step_seconds = 3600 });
        paths["query_run counter_rate"] = Rows(rate, "port", "value");

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

    /// <summary>query_run rows keyed by one label column.</summary>
    static Dictionary<string, double> Rows(JsonElement body, string label, string value)
    {
        var columns = body.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        var (l, v) = (columns.IndexOf(label), columns.IndexOf(value));
        return body.GetProperty("rows").EnumerateArray().ToDictionary(r => r[l].GetString()!, r => r[v].GetDouble());
    }
}
