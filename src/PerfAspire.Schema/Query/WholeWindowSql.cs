using System.Globalization;
using System.Text;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// topk without a step: one ranking over the whole window. Columns: the group_by labels, value (average of all
/// samples, or for counters the summed rate of the group's series by the reset-aware <see cref="CounterSql"/> rule), max_value (NULL for
/// counters), samples; best first, ties by label. Two sources give the same rows:
/// <list type="bullet">
/// <item><see cref="Scan"/>: the metric's view over the window, grouped straight by the requested labels (counters
/// per series first, since a rate is per series).</item>
/// <item><see cref="Rollup"/>: <c>bundle_series</c>, the per-series totals ingestion wrote, when the window covers the
/// whole bundle — a few thousand rows instead of millions.</item>
/// </list>
/// Identifiers come from the catalog (checked and quoted); values are positional bind parameters.
/// </summary>
public static class WholeWindowSql
{
    public static RenderedQuery Scan(SqlPlan plan)
    {
        var p = new QueryParameters();
        var view = SqlIdentifier.Qualify(plan.Schema, plan.Metric.View);
        var bundle = p.Add("bundle_id", plan.BundleId);
        var where = new StringBuilder("WHERE bundle_id = ").Append(bundle).Append(LoadVisibility.Guard(plan.Schema, plan.Metric.Table, bundle))
            .Append(" AND ts BETWEEN ").Append(p.Add("start_time", plan.Start.UtcDateTime))
            .Append(" AND ").Append(p.Add("end_time", plan.End.UtcDateTime));
        foreach (var f in plan.Filters) where.Append(" AND ").Append(SqlIdentifier.Quote(f.Label)).Append(Match(p, f));
        var group = plan.GroupBy.Select(SqlIdentifier.Quote).ToList();
        string sql;
        if (IsCounter(plan))
        {
            // Per series first (a rate belongs to one series), then summed over the series of each group.
            List<string> series = ["bundle_id", "sptid", "host", .. plan.Metric.Labels.Select(SqlIdentifier.Quote)];
            var seriesList = string.Join(", ", series);
            sql = $"""
                WITH {CounterSql.Increases(view, where.ToString(), series)}, per_series AS (
                  SELECT {seriesList}, sum(increase) / nullif(sum(seconds), 0) AS rate, count(*) AS samples
                  FROM increases
                  GROUP BY {seriesList}
                )
                SELECT {Head(group)}sum(rate)::double precision AS value,
                       NULL::double precision AS max_value, sum(samples)::bigint AS samples
                FROM per_series
                {GroupBy(group.Count)}
                """;
        }
        else
        {
            sql = $"""
                SELECT {Head(group)}avg(value)::double precision AS value, max(value)::double precision AS max_value, count(*)::bigint AS samples
                FROM {view}
                {where}
                {GroupBy(group.Count)}
                """;
        }
        return Finish(plan, sql, p, group);
    }

    public static RenderedQuery Rollup(SqlPlan plan)
    {
        var p = new QueryParameters();
        var where = new StringBuilder("WHERE bundle_id = ").Append(p.Add("bundle_id", plan.BundleId))
            .Append(" AND metric = ").Append(p.Add("metric_name", plan.Metric.View));
        foreach (var f in plan.Filters) where.Append(" AND ").Append(RollupSql.LabelValue(f.Label)).Append(Match(p, f));
        var group = plan.GroupBy.Select(SqlIdentifier.Quote).ToList();
        var head = string.Concat(plan.GroupBy.Select(l => RollupSql.LabelValue(l) + " AS " + SqlIdentifier.Quote(l) + ", "));
        var (value, max) = IsCounter(plan)
            ? ($"sum({RollupSql.CounterRate})", "NULL::double precision")
            : ("sum(value_sum) / nullif(sum(samples), 0)", "max(value_max)");
        var sql = $"""
            SELECT {head}({value})::double precision AS value, ({max})::double precision AS max_value, sum(samples)::bigint AS samples
            FROM {SqlIdentifier.Qualify(plan.Schema, RollupSql.Table)}
            {where}
            {GroupBy(group.Count)}
            """;
        return Finish(plan, sql, p, group);
    }

    static bool IsCounter(SqlPlan plan) => plan.Metric.IsCounter;

    static string Head(List<string> group) => string.Concat(group.Select(g => g + ", "));

    static string GroupBy(int count) =>
        count == 0 ? "" : "GROUP BY " + string.Join(", ", Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)));

    static RenderedQuery Finish(SqlPlan plan, string sql, QueryParameters p, List<string> group)
    {
        var order = (plan.OrderBy == "max" && !IsCounter(plan) ? "max_value" : "value") + " DESC NULLS LAST" + string.Concat(group.Select(g => ", " + g));
        var limit = p.Add("row_limit", Math.Min(plan.K ?? QueryPatterns.DefaultK, plan.RowLimit));
        return p.Query($"{sql.TrimEnd()}\nORDER BY {order}\nLIMIT {limit}");
    }

    static string Match(QueryParameters p, LabelFilter f) =>
        f.Values.Count == 1
            ? " = " + p.Add("label_" + f.Label, f.Values[0])
            : " = ANY(" + p.Add("label_" + f.Label, f.Values.ToArray()) + ")";
}
