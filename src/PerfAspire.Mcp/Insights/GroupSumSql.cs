using System.Text;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Mcp.Insights;

/// <summary>
/// SQL for "sum the series of one label value at each sample time, then look at that sum over time" — e.g. the CPU
/// of all threads of one executable (TOP rows are per thread). The plan comes from <see cref="QueryPlanner"/> (metric,
/// bundle, window, step, filters validated against the catalog); identifiers are quoted catalog names, values are
/// bind parameters, as in <see cref="PatternSql"/>.
/// </summary>
public static class GroupSumSql
{
    /// <summary>Groups ranked by the average (or maximum) over sample times of their per-time sum; columns: label, value, max_value, samples.</summary>
    public static RenderedQuery Ranking(QueryPlan plan, string label, bool byMax, int limit)
    {
        var p = Common(plan);
        var l = SqlIdentifier.Quote(label);
        var sql = $"""
            {PerEpoch(plan, l, p, null)}
            SELECT grp AS {l}, avg(v)::double precision AS value, max(v)::double precision AS max_value, count(*) AS samples
            FROM per_epoch
            GROUP BY grp
            ORDER BY {(byMax ? "max_value" : "value")} DESC NULLS LAST, grp
            LIMIT @row_limit
            """;
        p.Add(new QueryParameter("row_limit", limit));
        return new RenderedQuery(sql, p);
    }

    /// <summary>Per time bucket, the average of the per-time sums of each given group; columns: ts_bucket, value, label.</summary>
    public static RenderedQuery Series(QueryPlan plan, string label, IReadOnlyList<string> groups, int rowLimit)
    {
        var p = Common(plan);
        var l = SqlIdentifier.Quote(label);
        p.Add(new QueryParameter("groups", groups.ToArray()));
        p.Add(new QueryParameter("step_seconds", plan.StepSeconds));
        var sql = $"""
            {PerEpoch(plan, l, p, "groups")}
            SELECT time_bucket(make_interval(secs => @step_seconds), ts) AS ts_bucket, avg(v)::double precision AS value, grp AS {l}
            FROM per_epoch
            GROUP BY ts_bucket, grp
            ORDER BY grp, ts_bucket
            LIMIT @row_limit
            """;
        p.Add(new QueryParameter("row_limit", rowLimit));
        return new RenderedQuery(sql, p);
    }

    static List<QueryParameter> Common(QueryPlan plan) =>
    [
        new("bundle_id", plan.Bundle.BundleId),
        new("start_time", plan.Window.Start.UtcDateTime),
        new("end_time", plan.Window.End.UtcDateTime),
    ];

    static string PerEpoch(QueryPlan plan, string label, List<QueryParameter> p, string? groupsParam)
    {
        var where = new StringBuilder("WHERE bundle_id = @bundle_id AND ts >= @start_time AND ts <= @end_time");
        foreach (var f in plan.Filters)
        {
            var name = "f_" + f.Label;
            where.Append(" AND ").Append(SqlIdentifier.Quote(f.Label)).Append(" = ANY(@").Append(name).Append(')');
            p.Add(new QueryParameter(name, f.Values.ToArray()));
        }
        // Rows whose label is NULL form no group (a NULL exec name is not an executable).
        where.Append(" AND ").Append(label).Append(" IS NOT NULL");
        if (groupsParam is not null) where.Append(" AND ").Append(label).Append(" = ANY(@").Append(groupsParam).Append(')');
        return $"""
            WITH per_epoch AS (
              SELECT ts, {label} AS grp, sum(value)::double precision AS v
              FROM {SqlIdentifier.Qualified(plan.Schema, plan.Metric.View)}
              {where}
              GROUP BY ts, {label}
            )
            """;
    }
}
