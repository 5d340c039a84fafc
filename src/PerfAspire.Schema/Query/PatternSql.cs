using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Turns a validated <see cref="SqlPlan"/> into the SQL that runs. The pattern SQL itself always comes from the schema's
/// <see cref="QueryRenderer"/> (the templates that <c>query_patterns</c> publishes); this class only composes
/// around it, with identifiers from the catalog and values as bind parameters:
/// <list type="bullet">
/// <item><c>group_by</c> that collapses series: an outer aggregation over the pattern's rows (averages of the
/// series' bucket averages, max of maxima, sums of sums and of counter rates; per-bucket histogram ops/s over
/// timeseries_sum).</item>
/// <item>topk without a step: one ranking over the whole window (<see cref="WholeWindowSql"/>: from the view, or
/// from the bundle's series rollup when the window covers the whole bundle).</item>
/// <item>time series over the whole bundle at a step that is a multiple of the rollup width: the per-series rows from
/// the time-bucketed rollup (<see cref="BucketSql"/>) instead of the pattern SQL, when the plan says so.</item>
/// <item><c>LIMIT</c> for the row cap (one row more than shown, to know whether the result was cut).</item>
/// </list>
/// </summary>
public static class PatternSql
{
    /// <summary>Patterns whose rows are (ts_bucket, value, bundle_id, sptid, host, labels): series that group_by can combine.</summary>
    public static readonly IReadOnlySet<string> Collapsible = new HashSet<string>
    {
        QueryPatterns.TimeseriesAvg, QueryPatterns.TimeseriesMax, QueryPatterns.TimeseriesSum, QueryPatterns.CounterRate, QueryPatterns.HistogramOpsPerSec,
    };

    public static RenderedQuery Render(SqlPlan plan)
    {
        var g = string.Concat(plan.GroupBy.Select(l => ", " + SqlIdentifier.Quote(l)));
        QueryParameters parameters;
        string sql;
        if (plan.WholeWindowTopK)
        {
            return plan.FromRollup ? WholeWindowSql.Rollup(plan) : WholeWindowSql.Scan(plan);
        }
        if (plan.Collapses && plan.Pattern == QueryPatterns.HistogramOpsPerSec)
        {
            // Per latency bucket (or any other split): sum the bucket counts per series, then divide by the step.
            (sql, parameters) = Template(plan with { GroupBy = plan.Metric.Labels }, QueryPatterns.TimeseriesSum, ordered: false);
            sql = Outer($"sum(value) / {parameters.Add("step_seconds", (double)plan.StepSeconds)}", sql, g);
        }
        else if (plan.Collapses && Collapsible.Contains(plan.Pattern))
        {
            (sql, parameters) = Template(plan, plan.Pattern, ordered: false);
            var outer = plan.Pattern switch
            {
                QueryPatterns.TimeseriesAvg => "avg(value)",
                QueryPatterns.TimeseriesMax => "max(value)",
                _ => "sum(value)",
            };
            sql = Outer(outer, sql, g);
        }
        else
        {
            (sql, parameters) = Template(plan, plan.Pattern);
        }
        return parameters.Query(sql + "\nLIMIT " + parameters.Add("row_limit", plan.RowLimit));
    }

    static string Outer(string aggregate, string inner, string g) => $"""
        SELECT ts_bucket, ({aggregate})::double precision AS value, bundle_id, sptid, host{g}
        FROM (
        {inner}
        ) AS series
        GROUP BY ts_bucket, bundle_id, sptid, host{g}
        ORDER BY bundle_id, host{g}, ts_bucket
        """;

    /// <param name="ordered">false when <see cref="Outer"/> wraps the rows and sorts them itself.</param>
    static (string Sql, QueryParameters Parameters) Template(SqlPlan plan, string pattern, bool ordered = true)
    {
        if (plan.FromBuckets && BucketSql.Serves(pattern, plan.StepSeconds, plan.Origin)) return BucketSql.Series(plan, pattern, ordered);
        var rendered = QueryRenderer.Render(plan.Schema, new QueryRequest
        {
            Pattern = pattern,
            Metric = plan.Metric,
            BundleId = plan.BundleId,
            Start = plan.Start,
            End = plan.End,
            StepSeconds = plan.StepSeconds,
            Origin = plan.Origin,
            K = plan.K,
            Quantile = plan.Quantile,
            Filters = plan.Filters,
            Companion = plan.Companion,
        });
        return (rendered.Sql, new QueryParameters(rendered.Parameters));
    }
}
