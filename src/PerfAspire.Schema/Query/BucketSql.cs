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
    /// <summary>Whether a query of this pattern, step and bucket origin can read the rollup (the window must also cover
    /// the bundle): its buckets must be whole rollup buckets, so the origin must sit on a rollup bucket boundary.</summary>
    public static bool Serves(string pattern, int stepSeconds, DateTimeOffset origin) =>
        RollupSql.BucketPatterns.Contains(pattern) && stepSeconds >= RollupSql.BucketSeconds && stepSeconds % RollupSql.BucketSeconds == 0
        && BucketOrigin.IsAligned(origin, RollupSql.BucketSeconds);

    /// <param name="ordered">false when an outer query collapses the series and sorts itself: the rows then come
    /// unsorted (a sort here would only be thrown away).</param>
    public static (string Sql, QueryParameters Parameters) Series(SqlPlan plan, string pattern, bool ordered = true)
    {
        var p = new QueryParameters();
        var m = plan.Metric;
        var step = p.Add("step_seconds", (double)plan.StepSeconds);
        // The two array elements the value is made of: (numerator, denominator), or a single one.
        var (first, second) = pattern switch
        {
            QueryPatterns.TimeseriesAvg => ("value_sum", "samples"),
            QueryPatterns.TimeseriesMax => ("value_max", (string?)null),
            QueryPatterns.TimeseriesSum => ("value_sum", null),
            QueryPatterns.CounterRate => ("increase", "seconds"),
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
        var from = $"""
            FROM {SqlIdentifier.Qualify(plan.Schema, RollupSql.BucketsTable)} AS b
            CROSS JOIN LATERAL (SELECT pg_catalog.array_position(b.columns, {column}) AS i) AS c
            {where}
            """;
        // Positions, not names: a label may share a name with a column of the rollup table.
        var labelPositions = string.Concat(m.Labels.Select((_, k) => ", " + (6 + k)));
        var orderBy = ordered ? $"\nORDER BY 3, 5{labelPositions}, 1" : "";
        var bucket = $"{SqlIdentifier.Qualify(plan.Schema, "time_bucket")}({step} * INTERVAL '1 second', b.bucket_start, {p.Add("origin", plan.Origin.UtcDateTime)})";
        if (plan.StepSeconds == RollupSql.BucketSeconds)
        {
            // One rollup row per series and bucket (ingestion writes a table's rows of a bundle once), so at the
            // rollup's own width each row is a point: the sums over one row, without grouping, which spares
            // hashing or sorting every row of the table.
            var point = second is null ? $"b.{first}[c.i]" : $"b.{first}[c.i] / b.{second}[c.i]";
            var labels = string.Concat(m.Labels.Select(l => ",\n       b." + RollupSql.LabelValue(l) + " AS " + SqlIdentifier.Quote(l)));
            return ($"""
                SELECT {bucket} AS ts_bucket,
                       {point} AS value,
                       b.bundle_id, b.sptid, b.host{labels}
                {from}{orderBy}
                """, p);
        }
        var value = pattern switch
        {
            QueryPatterns.TimeseriesMax => "max(b.v1)",
            QueryPatterns.TimeseriesSum => "sum(b.v1)",
            _ => "sum(b.v1) / sum(b.v2)",
        };
        // The element values are taken out of the arrays first (OFFSET 0 keeps that subquery apart): grouping then
        // moves a few scalars per row instead of every array of the row.
        var picked = string.Concat(m.Labels.Select((l, k) => $", b.{RollupSql.LabelValue(l)} AS l{k}"));
        var named = string.Concat(m.Labels.Select((l, k) => $",\n       b.l{k} AS {SqlIdentifier.Quote(l)}"));
        var sql = $"""
            SELECT {bucket} AS ts_bucket,
                   {value} AS value,
                   b.bundle_id, b.sptid, b.host{named}
            FROM (
              SELECT b.bucket_start, b.bundle_id, b.sptid, b.host, b.{first}[c.i] AS v1{(second is null ? "" : $", b.{second}[c.i] AS v2")}{picked}
              {from.Replace("\n", "\n  ", StringComparison.Ordinal)}
              OFFSET 0
            ) AS b
            GROUP BY 1, 3, 4, 5{labelPositions}{orderBy}
            """;
        return (sql, p);
    }
}
