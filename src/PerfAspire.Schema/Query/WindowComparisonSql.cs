using System.Globalization;
using System.Text;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// compare_windows' statement for one table: the count, mean and standard deviation of every metric of every series in
/// window A and in window B. Counters are compared by their rate over each window (the <see cref="CounterSql"/> rule:
/// steps between consecutive samples of the same window, a decrease being a restart), never by raw value; their
/// spread is that of the step rates. Identifiers come from the catalog (quoted), times and the bundle are bind
/// parameters. A sample in both windows counts for window A.
/// </summary>
public static class WindowComparisonSql
{
    /// <summary>Columns: the labels, then per metric count, mean and standard deviation in window A, then in window B.</summary>
    public static RenderedQuery Render(string schema, string table, IReadOnlyList<string> labels, IReadOnlyList<CatalogMetric> metrics,
        string bundleId, (DateTimeOffset Start, DateTimeOffset End) a, (DateTimeOffset Start, DateTimeOffset End) b, int rowLimit)
    {
        var labelList = string.Join(", ", labels.Select(SqlIdentifier.Quote));
        var labelHead = labels.Count == 0 ? "" : labelList + ", ";
        var cols = metrics.Select(m => SqlIdentifier.Quote(m.Column)).ToList();
        var hasCounter = metrics.Any(m => m.IsCounter);
        var p = new QueryParameters();
        var bundle = p.Add("bundle_id", bundleId);
        var (aStart, aEnd) = (p.Add("a_start", a.Start.UtcDateTime), p.Add("a_end", a.End.UtcDateTime));
        var (bStart, bEnd) = (p.Add("b_start", b.Start.UtcDateTime), p.Add("b_end", b.End.UtcDateTime));
        var sb = new StringBuilder();
        sb.Append("WITH base AS (\n  SELECT ts, ").Append(labelHead).Append(string.Join(", ", cols))
          .Append($",\n    CASE WHEN ts >= {aStart} AND ts <= {aEnd} THEN 1 ELSE 2 END AS win\n  FROM ")
          .Append(SqlIdentifier.Qualify(schema, table))
          .Append($"\n  WHERE bundle_id = {bundle}{LoadVisibility.Guard(schema, table, bundle)} AND ((ts >= {aStart} AND ts <= {aEnd}) OR (ts >= {bStart} AND ts <= {bEnd}))\n),\n");
        sb.Append("s AS (\n  SELECT ").Append(labelHead).Append("win");
        for (var i = 0; i < metrics.Count; i++)
        {
            var c = cols[i];
            sb.Append(",\n    ");
            var n = i.ToString(CultureInfo.InvariantCulture);
            if (metrics[i].IsCounter)
            {
                // A step is two consecutive samples of the series in the same window; its rate follows the counter rule.
                var step = $"lag(win) OVER w = win AND ts > lag(ts) OVER w AND lag({c}) OVER w IS NOT NULL";
                sb.Append($"CASE WHEN {step} THEN {CounterSql.Increase(c, $"lag({c}) OVER w")} END AS i{n}, ")
                  .Append($"CASE WHEN {step} THEN {CounterSql.Seconds("ts", "lag(ts) OVER w")} END AS d{n}");
            }
            else
            {
                sb.Append(c).Append("::double precision AS v").Append(n);
            }
        }
        sb.Append("\n  FROM base");
        if (hasCounter) sb.Append("\n  WINDOW w AS (").Append(labels.Count == 0 ? "" : "PARTITION BY " + labelList + " ").Append("ORDER BY ts)");
        sb.Append("\n)\nSELECT ").Append(labelHead.TrimEnd(' ', ','));
        for (var i = 0; i < metrics.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            foreach (var win in new[] { 1, 2 })
            {
                if (i > 0 || win > 1 || labels.Count > 0) sb.Append(", ");
                var f = $"FILTER (WHERE win = {win})";
                // Counters: the window's rate (summed increase over summed seconds) and the spread of the step rates.
                sb.Append(metrics[i].IsCounter
                    ? $"count(i{n}) {f}, sum(i{n}) {f} / nullif(sum(d{n}) {f}, 0), stddev_samp(i{n} / d{n}) {f}"
                    : $"count(v{n}) {f}, avg(v{n}) {f}, stddev_samp(v{n}) {f}");
            }
        }
        sb.Append("\nFROM s");
        if (labels.Count > 0) sb.Append("\nGROUP BY ").Append(labelList);
        sb.Append("\nLIMIT ").Append(p.Add("row_limit", rowLimit));
        return p.Query(sb.ToString());
    }
}
