using System.Text;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// The per-series rows of timeseries_avg, timeseries_max, timeseries_sum and counter_rate over the whole bundle, read
/// from the time-bucketed rollup (<see cref="RollupSql.BucketsTable"/>) instead of the samples: same columns, same
/// order, same numbers. A step that is a multiple of the rollup width covers whole rollup buckets, so an average is
/// the summed sums over the summed counts, a maximum the maximum of maxima, and a counter rate the summed increases
/// over the summed seconds of the steps (<see cref="CounterSql"/>) — what the pattern computes from the samples.
/// </summary>
public static class BucketSql
{
    /// <summary>Whether a query of this pattern and step can read the rollup (the window must also cover the bundle).</summary>
    public static bool Serves(string pattern, int stepSeconds) =>
        RollupSql.BucketPatterns.Contains(pattern) && stepSeconds >= RollupSql.BucketSeconds && stepSeconds % RollupSql.BucketSeconds == 0;

    public static (string Sql, QueryParameters Parameters) Series(SqlPlan plan, string pattern)
    {
        var p = new QueryParameters();
        var m = plan.Metric;
        var step = p.Add("step_seconds", (double)plan.StepSeconds);
        var value = pattern switch
        {
            QueryPatterns.TimeseriesAvg => "sum(b.value_sum[c.i]) / sum(b.samples[c.i])",
            QueryPatterns.TimeseriesMax => "max(b.value_max[c.i])",
            QueryPatterns.TimeseriesSum => "sum(b.value_sum[c.i])",
            QueryPatterns.CounterRate => "sum(b.increase[c.i]) / sum(b.seconds[c.i])",
            _ => throw new ArgumentException($"pattern {pattern} is not served by the bucket rollup", nameof(pattern)),
        };
        // A bucket counts where the series has a value there (a counter: a step ending there), as a group of samples does.
        var present = pattern == QueryPatterns.CounterRate ? "b.seconds[c.i] > 0" : "b.samples[c.i] > 0";
        var where = new StringBuilder()
            .Append("WHERE b.bundle_id = ").Append(p.Add("bundle_id", plan.BundleId))
            .Append(" AND b.table_name = ").Append(p.Add("table_name", m.Table))
            .Append(" AND b.bucket_seconds = ").Append(p.Add("bucket_seconds", RollupSql.BucketSeconds))
            .Append("\n  AND ").Append(present);
        foreach (var f in plan.Filters)
        {
            where.Append("\n  AND b.").Append(RollupSql.LabelValue(f.Label)).Append(f.Values.Count == 1
                ? " = " + p.Add("label_" + f.Label, f.Values[0])
                : " = ANY(" + p.Add("label_" + f.Label, f.Values.ToArray()) + ")");
        }
        var column = p.Add("column_name", m.Column);
        var labels = string.Concat(m.Labels.Select(l => ",\n       b." + RollupSql.LabelValue(l) + " AS " + SqlIdentifier.Quote(l)));
        // Positions, not names: a label may share a name with a column of the rollup table.
        var labelPositions = string.Concat(m.Labels.Select((_, k) => ", " + (6 + k)));
        var sql = $"""
            SELECT {SqlIdentifier.Qualify(plan.Schema, "time_bucket")}({step} * INTERVAL '1 second', b.bucket_start) AS ts_bucket,
                   {value} AS value,
                   b.bundle_id, b.sptid, b.host{labels}
            FROM {SqlIdentifier.Qualify(plan.Schema, RollupSql.BucketsTable)} AS b
            CROSS JOIN LATERAL (SELECT pg_catalog.array_position(b.columns, {column}) AS i) AS c
            {where}
            GROUP BY 1, 3, 4, 5{labelPositions}
            ORDER BY 3, 5{labelPositions}, 1
            """;
        return (sql, p);
    }
}
