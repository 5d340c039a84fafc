using System.Text;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Sql;

/// <summary>
/// One view per metric in the shape (value cast to double precision so every view reads the same)
/// and one view per legacy alias selecting from the canonical view.
/// </summary>
internal static class ViewDdl
{
    public static void AppendMetricView(StringBuilder sb, TableGroup g, MetricSpec m, SchemaScriptOptions o)
    {
        var col = SqlIdentifier.Quote(m.Column);
        var value = m.SqlType == "double precision" ? col : col + "::double precision";
        var labels = string.Concat(g.Labels.Select(l => ", " + SqlIdentifier.Quote(l.Name)));
        sb.Append("CREATE OR REPLACE VIEW ").Append(SqlIdentifier.Qualify(o.Schema, g.MetricName(m))).Append(" AS\n")
          .Append("  SELECT ts, ").Append(value).Append(" AS value, bundle_id, sptid, metric_category, host").Append(labels).Append('\n')
          .Append("  FROM ").Append(SqlIdentifier.Qualify(o.Schema, g.Table)).Append(" WHERE ").Append(col).Append(" IS NOT NULL;\n");
    }

    public static void AppendAliasViews(StringBuilder sb, TableGroup g, MetricSpec m, SchemaScriptOptions o, IReadOnlySet<string>? skip = null)
    {
        foreach (var alias in m.AliasList)
        {
            if (skip?.Contains(alias) == true) continue;
            sb.Append("CREATE OR REPLACE VIEW ").Append(SqlIdentifier.Qualify(o.Schema, alias))
              .Append(" AS SELECT * FROM ").Append(SqlIdentifier.Qualify(o.Schema, g.MetricName(m))).Append(";\n");
        }
    }
}
