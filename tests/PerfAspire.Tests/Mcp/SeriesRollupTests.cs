using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Sql;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The series rollup (bundle_series) written by the real ingest of the generated small bundle answers whole-window
/// topk and label values exactly as a scan of the samples does.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SeriesRollupTests(DatabaseFixture db)
{
    [Fact]
    public async Task Rollup_sample_counts_match_the_views_for_every_metric()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        var counts = new Dictionary<string, long>();
        await using (var cmd = new NpgsqlCommand("SELECT metric, sum(samples)::bigint FROM perf.bundle_series WHERE bundle_id = $1 GROUP BY metric", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) counts[r.GetString(0)] = r.GetInt64(1);
        }
        Assert.Contains("top_cpu_percent", counts.Keys);
        Assert.True(counts.Count > 20, $"only {counts.Count} metrics rolled up");
        foreach (var (metric, samples) in counts)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM perf.{SqlIdentifier.Quote(metric)} WHERE bundle_id = $1", conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
            Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, samples);
        }
        // Every metric with samples has rollup rows (none of the small bundle's tables overflows).
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM perf.bundle_series WHERE bundle_id = $1 AND (samples <= 0 OR first_ts > last_ts OR value_min > value_max)", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        }
    }

    public static TheoryData<string, string?, string, bool> Cases() => new()
    {
        // kind, group_by (null = every label, "" = none), order_by, filter on the first label
        { "gauge", null, "avg", false },
        { "gauge", null, "max", false },
        { "gauge", "first", "avg", false },
        { "gauge", "", "avg", false },
        { "gauge", null, "avg", true },
        { "gauge", "first", "max", true },
        { "counter", null, "avg", false },
        { "counter", "first", "avg", false },
        { "counter", "", "avg", false },
        { "counter", null, "avg", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Whole_window_topk_from_the_rollup_equals_the_scan(string kind, string? groupBy, string orderBy, bool filter)
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        var planner = services.GetRequiredService<QueryPlanner>();
        var runner = services.GetRequiredService<QueryRunner>();
        var rollup = services.GetRequiredService<SeriesRollup>();
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);

        var metric = kind == "gauge" ? "top_cpu_percent" : await BusiestCounterAsync(env);
        var (_, catalogMetric, _) = await services.GetRequiredService<MetricCatalog>().ResolveAsync(metric, CancellationToken.None);
        Assert.NotEmpty(catalogMetric.Labels);
        var first = catalogMetric.Labels[0];
        System.Text.Json.JsonElement? filters = null;
        if (filter)
        {
            var values = await TopValuesAsync(env, metric, first, 2);
            Assert.Equal(2, values.Count);
            filters = QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { [first] = values });
        }
        var args = new QueryArguments
        {
            Pattern = "topk",
            Metric = metric,
            K = 1000,
            MaxRows = 1000,
            OrderBy = orderBy,
            Filters = filters,
            GroupBy = groupBy is null ? null : groupBy == "" ? [] : [first],
        };
        var plan = (await planner.PlanAsync(args, session, CancellationToken.None)).Plan;
        Assert.True(plan.WholeWindowTopK);
        Assert.True(plan.CoversBundle);
        var chosen = await rollup.ChooseAsync(session, plan, CancellationToken.None);
        Assert.True(chosen.FromRollup);

        var scan = await runner.RunAsync(session, WholeWindowSql.Scan(plan.Sql), 1000, CancellationToken.None);
        var fast = await runner.RunAsync(session, PatternSql.Render(chosen.Sql), 1000, CancellationToken.None);
        Assert.Contains("bundle_series", PatternSql.Render(chosen.Sql).Sql, StringComparison.Ordinal);
        Assert.Equal(scan.Columns, fast.Columns);
        Assert.NotEmpty(scan.Rows);
        Assert.Equal(scan.Rows.Count, fast.Rows.Count);
        var labelCount = plan.GroupBy.Count;
        var byKey = scan.Rows.ToDictionary(r => Key(r, labelCount));
        foreach (var row in fast.Rows)
        {
            Assert.True(byKey.TryGetValue(Key(row, labelCount), out var expected), $"group {Key(row, labelCount)} only in the rollup answer");
            Close(expected[labelCount], row[labelCount]);
            Close(expected[labelCount + 1], row[labelCount + 1]);
            Assert.Equal(expected[labelCount + 2], row[labelCount + 2]);
        }
        var rank = orderBy == "max" && kind == "gauge" ? labelCount + 1 : labelCount;
        var ranked = fast.Rows.Select(r => r[rank] as double? ?? double.NegativeInfinity).ToList();
        for (var i = 1; i < ranked.Count; i++) Assert.True(ranked[i - 1] >= ranked[i] - 1e-9 * Math.Abs(ranked[i]), "rollup rows are not ranked");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Top_n_per_series_from_the_rollup_equals_the_scan(bool byMax, bool filter)
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        var runner = services.GetRequiredService<QueryRunner>();
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);
        var filters = filter
            ? QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { ["pid"] = await TopValuesAsync(env, "top_cpu_percent", "pid", 3) })
            : null;
        var plan = (await services.GetRequiredService<QueryPlanner>().PlanAsync(
            new QueryArguments { Pattern = "summary_stats", Metric = "top_cpu_percent", Filters = filters }, session, CancellationToken.None)).Plan;
        var scan = await runner.RunAsync(session, RankingSql.PerSeries(plan.Sql, byMax, 1000), 1000, CancellationToken.None);
        var fast = await runner.RunAsync(session, RankingSql.PerSeriesFromRollup(plan.Sql, byMax, 1000), 1000, CancellationToken.None);
        Assert.Equal(scan.Columns, fast.Columns);
        Assert.NotEmpty(scan.Rows);
        Assert.Equal(scan.Rows.Count, fast.Rows.Count);
        var labels = plan.Metric.Labels.Count;
        var byKey = scan.Rows.ToDictionary(r => Key(r, labels));
        foreach (var row in fast.Rows)
        {
            var expected = byKey[Key(row, labels)];
            Close(expected[labels], row[labels]);
            Close(expected[labels + 1], row[labels + 1]);
            Assert.Equal(expected[labels + 2], row[labels + 2]);
        }
    }

    [Fact]
    public async Task A_partial_window_keeps_the_scan()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);
        var planner = services.GetRequiredService<QueryPlanner>();
        var whole = await planner.PlanAsync(new QueryArguments { Pattern = "topk", Metric = "top_cpu_percent" }, session, CancellationToken.None);
        var bundle = whole.Plan.Bundle;
        var middle = bundle.TimeStart!.Value + (bundle.TimeEnd!.Value - bundle.TimeStart.Value) / 2;
        var planned = await planner.PlanAsync(new QueryArguments
        {
            Pattern = "topk",
            Metric = "top_cpu_percent",
            End = QueryArguments.Json(middle.ToString("O")),
        }, session, CancellationToken.None);
        Assert.False(planned.Plan.CoversBundle);
        var chosen = await services.GetRequiredService<SeriesRollup>().ChooseAsync(session, planned.Plan, CancellationToken.None);
        Assert.False(chosen.FromRollup);
        Assert.DoesNotContain("bundle_series", PatternSql.Render(chosen.Sql).Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("percentile_cont", PatternSql.Render(chosen.Sql).Sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top_cpu_percent", "pid", 1000, 0)]
    [InlineData("top_cpu_percent", "pid", 5, 3)]
    public async Task Label_values_from_the_rollup_equal_the_loose_index_scan_and_the_view(string metricName, string label, int limit, int offset)
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        var runner = services.GetRequiredService<QueryRunner>();
        var (_, metric, _) = await services.GetRequiredService<MetricCatalog>().ResolveAsync(metricName, CancellationToken.None);
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);
        async Task<List<string?>> Run(RenderedQuery query) =>
            [.. (await runner.RunAsync(session, query, limit, CancellationToken.None)).Rows.Select(r => r[0]?.ToString())];
        var rollup = await Run(LabelValueSql.FromRollup(session.Schema, metric, label, env.BundleId, limit, offset));
        var loose = await Run(LabelValueSql.LooseIndexScan(session.Schema, metric, label, env.BundleId, limit, offset));
        var view = await Run(LabelValueSql.Distinct(session.Schema, metric, label, env.BundleId, limit, offset));
        Assert.NotEmpty(view);
        Assert.Equal(view, rollup);
        Assert.Equal(view, loose);

        var page = await services.GetRequiredService<LabelValuesService>().GetAsync(metricName, label, null, limit, offset, CancellationToken.None);
        Assert.Equal(view.Take(limit), page.Values);
    }

    static string Key(object?[] row, int labels) => string.Join("\u001f", row.Take(labels).Select(v => v?.ToString() ?? "<null>"));

    static void Close(object? expected, object? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        var e = Assert.IsType<double>(expected);
        var a = Assert.IsType<double>(actual);
        Assert.True(Math.Abs(e - a) <= 1e-9 * Math.Max(1, Math.Abs(e)), $"expected {e}, got {a}");
    }

    static async Task<string> BusiestCounterAsync(LoadedBundleEnvironment env)
    {
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT s.metric FROM perf.bundle_series s JOIN perf.metric_catalog c ON c.metric_name = s.metric
            WHERE s.bundle_id = $1 AND c.metric_kind = 'counter' AND cardinality(c.local_labels) > 0
            GROUP BY s.metric HAVING count(*) > 2 ORDER BY count(*) DESC, 1 LIMIT 1
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
        return Assert.IsType<string>(await cmd.ExecuteScalarAsync());
    }

    static async Task<List<string>> TopValuesAsync(LoadedBundleEnvironment env, string metric, string label, int n)
    {
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT {SqlIdentifier.Quote(label)} FROM perf.{SqlIdentifier.Quote(metric)} WHERE bundle_id = $1 AND {SqlIdentifier.Quote(label)} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT $2", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = n });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }
}
