using System.Globalization;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Sql;
using SchemaMetric = PerfAspire.Schema.Query.CatalogMetric;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Turns a <see cref="QueryPlan"/> into the SQL that runs: the pattern itself comes from the schema's
/// <see cref="QueryRenderer"/> (the same templates <c>query_patterns</c> shows); this class only composes around it:
/// an outer aggregation when <c>group_by</c> collapses series, and <c>LIMIT</c> for the row cap (one row more than
/// shown, to know whether the result was cut). Identifiers still come only from the catalog.
/// </summary>
public static class PatternSql
{
    /// <summary>Patterns whose rows are (ts_bucket, value, bundle_id, sptid, host, labels): series that group_by can combine.</summary>
    public static readonly IReadOnlySet<string> Collapsible = new HashSet<string>
    {
        QueryPatterns.TimeseriesAvg, QueryPatterns.TimeseriesMax, QueryPatterns.TimeseriesSum, QueryPatterns.CounterRate,
    };

    public static ExecutableQuery Render(QueryPlan plan)
    {
        var rendered = QueryRenderer.Render(plan.Schema, new QueryRequest
        {
            Pattern = plan.Pattern.Name,
            Metric = ToSchema(plan.Metric),
            BundleId = plan.Bundle.BundleId,
            Start = plan.Window.Start,
            End = plan.Window.End,
            StepSeconds = plan.StepSeconds,
            K = plan.K,
            Quantile = plan.Quantile,
            Filters = plan.Filters,
            Companion = plan.Companion is null ? null : ToSchema(plan.Companion),
        });
        var sql = rendered.Sql;
        var parameters = rendered.Parameters.ToList();
        if (plan.Collapses && Collapsible.Contains(plan.Pattern.Name))
        {
            // Averages average the series' bucket averages; maxima take the max; sums and counter rates add up.
            var outer = plan.Pattern.Name switch
            {
                QueryPatterns.TimeseriesAvg => "avg",
                QueryPatterns.TimeseriesMax => "max",
                _ => "sum",
            };
            var g = string.Concat(plan.GroupBy.Select(l => ", " + SqlIdentifier.Quote(l)));
            sql = $"""
                SELECT ts_bucket, {outer}(value) AS value, bundle_id, sptid, host{g}
                FROM (
                {sql}
                ) AS series
                GROUP BY ts_bucket, bundle_id, sptid, host{g}
                ORDER BY bundle_id, host{g}, ts_bucket
                """;
        }
        parameters.Add(new QueryParameter("row_limit", plan.RowLimit));
        sql += "\nLIMIT $" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        return new ExecutableQuery(sql, parameters);
    }

    public static SchemaMetric ToSchema(Catalog.MetricEntry m) =>
        SchemaMetric.FromCatalog(m.Name, m.BaseTable, m.Column, m.Kind, m.Unit, m.Labels);

    /// <summary>
    /// A step that puts the whole window into one time bucket, so topk ranks the series over the whole window.
    /// time_bucket aligns buckets to 2000-01-03 UTC, so the step must be chosen such that no bucket boundary
    /// falls inside the window: with a = start and b = end in seconds since that origin, any s with
    /// n·s ≤ a and b &lt; (n+1)·s works; n = ⌈b / max⌉ and s = ⌊a / n⌋ keeps s within the renderer's maximum.
    /// Null when there is no such step (windows near a year long, or before 2000).
    /// </summary>
    public static double? SingleBucketStep(QueryWindow window)
    {
        const double max = 366 * 86400;
        var origin = new DateTimeOffset(2000, 1, 3, 0, 0, 0, TimeSpan.Zero);
        var a = Math.Floor((window.Start - origin).TotalSeconds);
        var b = Math.Ceiling((window.End - origin).TotalSeconds);
        if (a < 0) return null;
        if (b < max) return max;
        var n = Math.Ceiling(b / max);
        var s = Math.Floor(a / n);
        return s > 0 && b < (n + 1) * s ? s : null;
    }
}
