using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema.Query;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The time-bucketed rollup (bundle_buckets) written by the real ingest of the generated small bundle gives the same
/// rows and numbers as the pattern SQL over the samples, for every pattern it serves, with and without collapsing
/// series, with filters, at its own width and at steps that are multiples of it.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BucketRollupTests(DatabaseFixture db)
{
    public static TheoryData<string, string, string?, string?, int> Cases() => new()
    {
        // pattern, metric, group_by (null = every label, "" = none), filter label (two busiest values), step
        { "timeseries_avg", "cpu_utilization", "", null, 1800 },
        { "timeseries_avg", "cpu_utilization", null, null, 3600 },
        { "timeseries_avg", "cpu_utilization", "", "cpu", 7200 },
        { "timeseries_max", "cpu_utilization", "", null, 1800 },
        { "timeseries_max", "disk_busy_percent", null, null, 5400 },
        { "timeseries_avg", "top_cpu_percent", "", null, 1800 },
        { "counter_rate", "net_rx_bytes_total", null, null, 1800 },
        { "counter_rate", "net_rx_bytes_total", "", null, 3600 },
        { "counter_rate", "net_rx_bytes_total", null, "interface", 1800 },
        // At the rollup's own width each rollup row is one point (no grouping); above it the values are grouped.
        { "timeseries_avg", "cpu_utilization", null, null, 1800 },
        { "timeseries_avg", "cpu_utilization", "", "cpu", 1800 },
        { "timeseries_max", "disk_busy_percent", "", null, 3600 },
        { "timeseries_sum", "dbmpool_cache_misses", null, null, 1800 },
        { "timeseries_sum", "dbmpool_cache_misses", "", null, 3600 },
        { "counter_rate", "net_rx_bytes_total", "", null, 1800 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bucketed_rollup_answers_equal_the_samples(string pattern, string metric, string? groupBy, string? filterLabel, int step)
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        var planner = services.GetRequiredService<QueryPlanner>();
        var runner = services.GetRequiredService<QueryRunner>();
        var rollup = services.GetRequiredService<SeriesRollup>();
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);

        var filters = filterLabel is null
            ? null
            : QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { [filterLabel] = await TopValuesAsync(env, metric, filterLabel, 2) });
        var args = new QueryArguments
        {
            Pattern = pattern,
            Metric = metric,
            StepSeconds = step,
            Filters = filters,
            MaxRows = 5000,
            GroupBy = groupBy is null ? null : groupBy == "" ? [] : [groupBy],
        };
        var plan = (await planner.PlanAsync(args, session, CancellationToken.None)).Plan;
        Assert.True(plan.CoversBundle);
        Assert.Equal(step, plan.StepSeconds);
        var chosen = await rollup.ChooseAsync(session, plan, CancellationToken.None);
        Assert.True(chosen.FromBuckets, "the rollup was not chosen");

        var scanSql = PatternSql.Render(plan.Sql);
        var fastSql = PatternSql.Render(chosen.Sql);
        Assert.DoesNotContain("bundle_buckets", scanSql.Sql, StringComparison.Ordinal);
        Assert.Contains("bundle_buckets", fastSql.Sql, StringComparison.Ordinal);
        var scan = await runner.RunAsync(session, scanSql, 5000, CancellationToken.None);
        var fast = await runner.RunAsync(session, fastSql, 5000, CancellationToken.None);
        Assert.Equal(scan.Columns, fast.Columns);
        Assert.NotEmpty(scan.Rows);
        Assert.Equal(scan.Rows.Count, fast.Rows.Count);
        var value = scan.Columns.ToList().IndexOf("value");
        Assert.True(value >= 0);
        for (var i = 0; i < scan.Rows.Count; i++)
        {
            for (var c = 0; c < scan.Columns.Count; c++)
            {
                if (c == value) Close(scan.Rows[i][c], fast.Rows[i][c]);
                else Assert.Equal(scan.Rows[i][c], fast.Rows[i][c]);
            }
        }
    }

    [Fact]
    public async Task A_step_that_is_not_a_multiple_or_a_partial_window_keeps_the_samples()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        var services = env.Server.Services;
        var planner = services.GetRequiredService<QueryPlanner>();
        var rollup = services.GetRequiredService<SeriesRollup>();
        await using var session = await services.GetRequiredService<ReadOnlySessionFactory>().OpenAsync(CancellationToken.None);
        var odd = (await planner.PlanAsync(new QueryArguments { Pattern = "timeseries_avg", Metric = "cpu_utilization", StepSeconds = 2700 }, session, CancellationToken.None)).Plan;
        Assert.False((await rollup.ChooseAsync(session, odd, CancellationToken.None)).FromBuckets);

        var bundle = odd.Bundle;
        var middle = bundle.TimeStart!.Value + (bundle.TimeEnd!.Value - bundle.TimeStart.Value) / 2;
        var partial = (await planner.PlanAsync(new QueryArguments
        {
            Pattern = "timeseries_avg",
            Metric = "cpu_utilization",
            StepSeconds = 1800,
            End = QueryArguments.Json(middle.ToString("O")),
        }, session, CancellationToken.None)).Plan;
        Assert.False(partial.CoversBundle);
        var chosen = await rollup.ChooseAsync(session, partial, CancellationToken.None);
        Assert.False(chosen.FromBuckets);
        Assert.DoesNotContain("bundle_buckets", PatternSql.Render(chosen.Sql).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_sample_counts_add_up_to_the_table()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT sum(b.samples[pg_catalog.array_position(b.columns, 'utilization')]) FROM perf.bundle_buckets b
                    WHERE b.bundle_id = $1 AND b.table_name = 'ptops_cpu')::bigint,
                   (SELECT count(*) FROM perf.cpu_utilization WHERE bundle_id = $1)::bigint
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.True(r.GetInt64(1) > 0);
        Assert.Equal(r.GetInt64(1), r.GetInt64(0));
    }

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

    static async Task<List<string>> TopValuesAsync(LoadedBundleEnvironment env, string metric, string label, int n)
    {
        await using var conn = new NpgsqlConnection(env.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT \"{label}\" FROM perf.\"{metric}\" WHERE bundle_id = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT $2", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = env.BundleId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = n });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }
}
