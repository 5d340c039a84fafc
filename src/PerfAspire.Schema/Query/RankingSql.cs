using System.Text;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// SQL for top_n / graph_topk over a validated <see cref="SqlPlan"/> (metric, bundle, window, filters):
/// per-series statistics over the whole window (average, maximum, sample count; counters by their rate between
/// consecutive samples, a decrease being a restart), or per value of one label after summing that label's series at
/// each sample time ("CPU per exec" = the sum of its threads). Identifiers are catalog names through
/// <see cref="SqlIdentifier"/>; every value is a positional bind parameter.
/// </summary>
public static class RankingSql
{
    /// <summary>Columns: the metric's labels, value (avg or rate), max_value, samples; best first.</summary>
    public static RenderedQuery PerSeries(SqlPlan plan, bool byMax, int limit)
    {
        var p = new QueryParameters();
        var labels = plan.Metric.Labels.Select(SqlIdentifier.Quote).ToList();
        var head = string.Concat(labels.Select(l => l + ", "));
        var groupBy = labels.Count == 0 ? "" : "GROUP BY " + string.Join(", ", labels);
        var order = (byMax ? "max_value" : "value") + " DESC NULLS LAST" + string.Concat(labels.Select(l => ", " + l));
        string sql;
        if (plan.Metric.IsCounter)
        {
            sql = $"""
                WITH {CounterSql.Increases(View(plan), Where(plan, p), labels)}
                SELECT {head}(sum(increase) / nullif(sum(seconds), 0))::double precision AS value,
                       max(increase / seconds)::double precision AS max_value, count(increase) AS samples
                FROM increases
                {groupBy}{(labels.Count == 0 ? "" : " HAVING count(increase) > 0")}
                ORDER BY {order}
                LIMIT {p.Add("row_limit", limit)}
                """;
        }
        else
        {
            sql = $"""
                SELECT {head}avg(value)::double precision AS value, max(value)::double precision AS max_value, count(*) AS samples
                FROM {View(plan)}
                {Where(plan, p)}
                {groupBy}
                ORDER BY {order}
                LIMIT {p.Add("row_limit", limit)}
                """;
        }
        return p.Query(sql);
    }

    /// <summary>
    /// <see cref="PerSeries"/> for a gauge-like metric over the whole bundle, from the series rollup (bundle_series)
    /// instead of the samples: the same columns and values.
    /// </summary>
    public static RenderedQuery PerSeriesFromRollup(SqlPlan plan, bool byMax, int limit)
    {
        var p = new QueryParameters();
        var labels = plan.Metric.Labels.Select(SqlIdentifier.Quote).ToList();
        var head = string.Concat(plan.Metric.Labels.Select(l => RollupSql.LabelValue(l) + " AS " + SqlIdentifier.Quote(l) + ", "));
        var groupBy = labels.Count == 0 ? "" : "GROUP BY " + string.Join(", ", Enumerable.Range(1, labels.Count));
        var order = (byMax ? "max_value" : "value") + " DESC NULLS LAST" + string.Concat(labels.Select(l => ", " + l));
        var where = new StringBuilder("WHERE bundle_id = ").Append(p.Add("bundle_id", plan.BundleId))
            .Append(" AND metric = ").Append(p.Add("metric_name", plan.Metric.View));
        foreach (var f in plan.Filters)
        {
            where.Append(" AND ").Append(RollupSql.LabelValue(f.Label)).Append(" = ANY(").Append(p.Add("label_" + f.Label, f.Values.ToArray())).Append(')');
        }
        var sql = $"""
            SELECT {head}(sum(value_sum) / nullif(sum(samples), 0))::double precision AS value, max(value_max)::double precision AS max_value,
                   sum(samples)::bigint AS samples
            FROM {SqlIdentifier.Qualify(plan.Schema, RollupSql.Table)}
            {where}
            {groupBy}
            ORDER BY {order}
            LIMIT {p.Add("row_limit", limit)}
            """;
        return p.Query(sql);
    }

    /// <summary>Columns: the label, value (average over sample times of the per-time sum), max_value, samples; best first.</summary>
    public static RenderedQuery PerGroup(SqlPlan plan, string label, bool byMax, int limit)
    {
        var p = new QueryParameters();
        var l = SqlIdentifier.Quote(label);
        var sql = $"""
            {PerEpoch(plan, l, p, null)}
            SELECT grp AS {l}, avg(v)::double precision AS value, max(v)::double precision AS max_value, count(*) AS samples
            FROM per_epoch
            GROUP BY grp
            ORDER BY {(byMax ? "max_value" : "value")} DESC NULLS LAST, grp
            LIMIT {p.Add("row_limit", limit)}
            """;
        return p.Query(sql);
    }

    /// <summary>Per time bucket, the average of the per-time sums of each given group; columns: ts_bucket, value, the label.</summary>
    public static RenderedQuery GroupSeries(SqlPlan plan, string label, IReadOnlyList<string> groups, int rowLimit)
    {
        var p = new QueryParameters();
        var l = SqlIdentifier.Quote(label);
        var perEpoch = PerEpoch(plan, l, p, groups.ToArray());
        var sql = $"""
            {perEpoch}
            SELECT {SqlIdentifier.Quote(plan.Schema)}.time_bucket({p.Add("step_seconds", plan.StepSeconds)} * INTERVAL '1 second', ts, {p.Add("origin", plan.Origin.UtcDateTime)}) AS ts_bucket,
                   avg(v)::double precision AS value, grp AS {l}
            FROM per_epoch
            GROUP BY ts_bucket, grp
            ORDER BY grp, ts_bucket
            LIMIT {p.Add("row_limit", rowLimit)}
            """;
        return p.Query(sql);
    }

    static string View(SqlPlan plan) => SqlIdentifier.Qualify(plan.Schema, plan.Metric.View);

    static string Where(SqlPlan plan, QueryParameters p)
    {
        var bundle = p.Add("bundle_id", plan.BundleId);
        var sb = new StringBuilder("WHERE bundle_id = ").Append(bundle).Append(LoadVisibility.Guard(plan.Schema, plan.Metric.Table, bundle))
            .Append(" AND ts BETWEEN ").Append(p.Add("start_time", plan.Start.UtcDateTime))
            .Append(" AND ").Append(p.Add("end_time", plan.End.UtcDateTime));
        foreach (var f in plan.Filters)
        {
            sb.Append(" AND ").Append(SqlIdentifier.Quote(f.Label)).Append(" = ANY(").Append(p.Add("label_" + f.Label, f.Values.ToArray())).Append(')');
        }
        return sb.ToString();
    }

    static string PerEpoch(SqlPlan plan, string label, QueryParameters p, string[]? groups)
    {
        var where = new StringBuilder(Where(plan, p));
        // Rows whose label is NULL form no group (a NULL exec name is not an executable).
        where.Append(" AND ").Append(label).Append(" IS NOT NULL");
        if (groups is not null) where.Append(" AND ").Append(label).Append(" = ANY(").Append(p.Add("groups", groups)).Append(')');
        return $"""
            WITH per_epoch AS (
              SELECT ts, {label} AS grp, sum(value)::double precision AS v
              FROM {View(plan)}
              {where}
              GROUP BY ts, {label}
            )
            """;
    }
}
