using System.Text;
using PerfAspire.Mcp.Catalog;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Fills a pattern for one metric. Identifiers (schema, view, table, columns, labels) come from the plan's
/// catalog entries and go through <see cref="SqlIdentifier.Quote"/>; every value is a bind parameter.
/// Every statement ends with <c>LIMIT @row_limit</c> (the caller asks for one row more than it shows, to know
/// whether the result was cut).
/// </summary>
public static class PatternSql
{
    public static RenderedQuery Render(QueryPlan plan)
    {
        var p = new List<QueryParameter>
        {
            new("bundle_id", plan.Bundle.BundleId),
            new("start_time", plan.Window.Start.UtcDateTime),
            new("end_time", plan.Window.End.UtcDateTime),
        };
        var sql = plan.Pattern.Name switch
        {
            QueryPatterns.TimeseriesAvg => Bucketed(plan, "avg", p),
            QueryPatterns.TimeseriesMax => Bucketed(plan, "max", p),
            QueryPatterns.TimeseriesSum => Bucketed(plan, "sum", p),
            QueryPatterns.CounterRate => CounterRate(plan, p),
            QueryPatterns.TopK => TopK(plan, p),
            QueryPatterns.HistogramOpsPerSec => HistogramOps(plan, p),
            QueryPatterns.HistogramLatencyPercentile => HistogramPercentile(plan, p),
            QueryPatterns.LatestValue => Latest(plan, p),
            QueryPatterns.SummaryStats => Summary(plan, p),
            _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Pattern.Name, "No SQL for this pattern."),
        };
        p.Add(new QueryParameter("row_limit", plan.RowLimit));
        return new RenderedQuery(sql, p);
    }

    static string View(QueryPlan plan, CatalogMetric m) => SqlIdentifier.Qualified(plan.Schema, m.View);

    static string Where(QueryPlan plan, List<QueryParameter> p)
    {
        var sb = new StringBuilder("WHERE bundle_id = @bundle_id AND ts >= @start_time AND ts <= @end_time");
        foreach (var f in plan.Filters)
        {
            var name = "f_" + f.Label;
            sb.Append(" AND ").Append(SqlIdentifier.Quote(f.Label)).Append(" = ANY(@").Append(name).Append(')');
            p.Add(new QueryParameter(name, f.Values.ToArray()));
        }
        return sb.ToString();
    }

    static string Step(List<QueryParameter> p, QueryPlan plan)
    {
        if (!p.Exists(x => x.Name == "step_seconds")) p.Add(new QueryParameter("step_seconds", plan.StepSeconds));
        return "time_bucket(make_interval(secs => @step_seconds), ts)";
    }

    /// <summary>", a, b" or "" — for appending label lists after other columns.</summary>
    static string Tail(IReadOnlyList<string> labels) => labels.Count == 0 ? "" : ", " + List(labels);

    /// <summary>"a, b, " or "" — for prefixing label lists before other columns.</summary>
    static string Head(IReadOnlyList<string> labels) => labels.Count == 0 ? "" : List(labels) + ", ";

    static string List(IReadOnlyList<string> labels) => string.Join(", ", labels.Select(SqlIdentifier.Quote));

    static string Bucketed(QueryPlan plan, string agg, List<QueryParameter> p)
    {
        var g = plan.GroupBy;
        return $"""
            SELECT {Step(p, plan)} AS ts_bucket, {agg}(value)::double precision AS value{Tail(g)}
            FROM {View(plan, plan.Metric)}
            {Where(plan, p)}
            GROUP BY ts_bucket{Tail(g)}
            ORDER BY {Head(g)}ts_bucket
            LIMIT @row_limit
            """;
    }

    static string CounterRate(QueryPlan plan, List<QueryParameter> p)
    {
        var all = plan.Metric.Labels;
        var g = plan.GroupBy;
        var partition = all.Count == 0 ? "" : "PARTITION BY " + List(all) + " ";
        var where = Where(plan, p);
        var step = Step(p, plan);
        var samples = $"""
            WITH samples AS (
              SELECT ts, value{Tail(all)},
                     lag(value) OVER w AS prev_value, lag(ts) OVER w AS prev_ts
              FROM {View(plan, plan.Metric)}
              {where}
              WINDOW w AS ({partition}ORDER BY ts)
            )
            """;
        const string rate = "avg(CASE WHEN value >= prev_value THEN value - prev_value ELSE value END / extract(epoch FROM ts - prev_ts))::double precision";
        if (g.SequenceEqual(all))
        {
            return $"""
                {samples}
                SELECT {step} AS ts_bucket, {rate} AS value{Tail(g)}
                FROM samples
                WHERE prev_ts IS NOT NULL AND ts > prev_ts
                GROUP BY ts_bucket{Tail(g)}
                ORDER BY {Head(g)}ts_bucket
                LIMIT @row_limit
                """;
        }
        return $"""
            {samples},
            per_series AS (
              SELECT {step} AS ts_bucket{Tail(all)}, {rate} AS rate
              FROM samples
              WHERE prev_ts IS NOT NULL AND ts > prev_ts
              GROUP BY ts_bucket{Tail(all)}
            )
            SELECT ts_bucket, sum(rate)::double precision AS value{Tail(g)}
            FROM per_series
            GROUP BY ts_bucket{Tail(g)}
            ORDER BY {Head(g)}ts_bucket
            LIMIT @row_limit
            """;
    }

    static string TopK(QueryPlan plan, List<QueryParameter> p)
    {
        var g = plan.GroupBy;
        p.Add(new QueryParameter("k", plan.K));
        var isCounter = plan.Metric.Kind == "counter";
        var value = isCounter
            ? "((max(value) - min(value)) / nullif(extract(epoch FROM max(ts) - min(ts)), 0))::double precision"
            : "avg(value)::double precision";
        var maxValue = isCounter ? "max(value)::double precision" : "max(value)::double precision";
        var order = plan.OrderBy == "max" ? "max_value" : "value";
        // k bounds the ranking; row_limit bounds the response like every other pattern.
        return $"""
            SELECT {Head(g)}{value} AS value, {maxValue} AS max_value, count(*) AS samples
            FROM {View(plan, plan.Metric)}
            {Where(plan, p)}
            {(g.Count == 0 ? "" : "GROUP BY " + List(g))}
            ORDER BY {order} DESC NULLS LAST{Tail(g)}
            LIMIT least(@k, @row_limit)
            """;
    }

    static string HistogramOps(QueryPlan plan, List<QueryParameter> p)
    {
        var g = plan.GroupBy;
        var count = plan.HistogramCount ?? plan.Metric;
        return $"""
            SELECT {Step(p, plan)} AS ts_bucket, (sum(value) / @step_seconds)::double precision AS value{Tail(g)}
            FROM {View(plan, count)}
            {Where(plan, p)}
            GROUP BY ts_bucket{Tail(g)}
            ORDER BY {Head(g)}ts_bucket
            LIMIT @row_limit
            """;
    }

    static string HistogramPercentile(QueryPlan plan, List<QueryParameter> p)
    {
        var count = plan.HistogramCount ?? throw new InvalidOperationException("Histogram count metric missing from the plan.");
        var avg = plan.HistogramAvg ?? throw new InvalidOperationException("Histogram average metric missing from the plan.");
        var table = SqlIdentifier.Qualified(plan.Schema, count.BaseTable);
        var c = SqlIdentifier.Quote(count.Column);
        var a = SqlIdentifier.Quote(avg.Column);
        var bucket = SqlIdentifier.Quote("bucket");
        p.Add(new QueryParameter("quantile", plan.Quantile));
        // Bucket labels are log2 indexes stored as text: order by (length, text) sorts them numerically without a cast.
        return $"""
            WITH per_bucket AS (
              SELECT {Step(p, plan)} AS ts_bucket, {bucket} AS bucket,
                     sum({c})::double precision AS ops,
                     (sum({c} * {a}) / nullif(sum({c}), 0))::double precision AS avg_latency
              FROM {table}
              {Where(plan, p)} AND {c} > 0 AND {a} IS NOT NULL
              GROUP BY ts_bucket, {bucket}
            ),
            cumulative AS (
              SELECT ts_bucket, bucket, avg_latency,
                     sum(ops) OVER (PARTITION BY ts_bucket ORDER BY length(bucket), bucket) AS cum_ops,
                     sum(ops) OVER (PARTITION BY ts_bucket) AS total_ops
              FROM per_bucket
            )
            SELECT DISTINCT ON (ts_bucket) ts_bucket, avg_latency AS value, bucket, total_ops
            FROM cumulative
            WHERE cum_ops >= @quantile * total_ops
            ORDER BY ts_bucket, length(bucket), bucket
            LIMIT @row_limit
            """;
    }

    static string Latest(QueryPlan plan, List<QueryParameter> p)
    {
        var all = plan.Metric.Labels;
        return all.Count == 0
            ? $"""
                SELECT ts, value::double precision AS value
                FROM {View(plan, plan.Metric)}
                {Where(plan, p)}
                ORDER BY ts DESC
                LIMIT least(1, @row_limit)
                """
            : $"""
                SELECT DISTINCT ON ({List(all)}) ts, value::double precision AS value{Tail(all)}
                FROM {View(plan, plan.Metric)}
                {Where(plan, p)}
                ORDER BY {List(all)}, ts DESC
                LIMIT @row_limit
                """;
    }

    static string Summary(QueryPlan plan, List<QueryParameter> p)
    {
        var g = plan.GroupBy;
        return $"""
            SELECT {Head(g)}min(value)::double precision AS min, avg(value)::double precision AS avg,
                   max(value)::double precision AS max,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95,
                   count(*) AS samples, min(ts) AS first_ts, max(ts) AS last_ts
            FROM {View(plan, plan.Metric)}
            {Where(plan, p)}
            {(g.Count == 0 ? "" : "GROUP BY " + List(g))}
            ORDER BY avg DESC NULLS LAST{Tail(g)}
            LIMIT @row_limit
            """;
    }
}
