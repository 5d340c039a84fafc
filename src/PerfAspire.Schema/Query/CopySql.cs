using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// The binary COPY statements of a load: the rows of a data table (<see cref="TableLayout"/>), the text records, and the
/// two series rollups (<see cref="RollupSql"/>). Columns are listed in the order the writer sends the values.
/// </summary>
public static class CopySql
{
    /// <summary>The columns of the text records table, in COPY order.</summary>
    public static readonly string[] TextColumns = [.. CommonColumns.All, "file_name", "prefix", "line_no", "text"];

    /// <summary>The common columns, the group's labels and the first <paramref name="metricColumns"/> metric columns of the table.</summary>
    public static string ForTable(string schema, TableLayout layout, int metricColumns)
    {
        var cols = new List<string>(CommonColumns.All.Count + layout.Group.Labels.Count + metricColumns);
        cols.AddRange(CommonColumns.All);
        foreach (var l in layout.Group.Labels) cols.Add(l.Name);
        var metrics = layout.Metrics;
        for (var i = 0; i < metricColumns; i++) cols.Add(metrics[i].Column);
        return Build(schema, layout.Table, cols);
    }

    public static string ForText(string schema) => Build(schema, CommonColumns.TextRecordsTable, TextColumns);

    /// <summary>The whole-load rollup rows (<see cref="RollupSql.Table"/>).</summary>
    public static string ForSeries(string schema) =>
        $"COPY {SqlIdentifier.Delimited(schema)}.{RollupSql.Table} (bundle_id, table_name, metric, sptid, host, labels, samples, value_sum, value_min, value_max, " +
        "first_ts, last_ts, first_value, last_value, increase) FROM STDIN (FORMAT BINARY)";

    /// <summary>The time-bucketed rollup rows (<see cref="RollupSql.BucketsTable"/>).</summary>
    public static string ForBuckets(string schema) =>
        $"COPY {SqlIdentifier.Delimited(schema)}.{RollupSql.BucketsTable} (bundle_id, table_name, sptid, host, labels, bucket_seconds, bucket_start, columns, samples, " +
        "value_sum, value_max, increase, seconds) FROM STDIN (FORMAT BINARY)";

    static string Build(string schema, string table, IEnumerable<string> columns) =>
        $"COPY {SqlIdentifier.Delimited(schema)}.{SqlIdentifier.Delimited(table)} ({string.Join(", ", columns.Select(SqlIdentifier.Delimited))}) FROM STDIN (FORMAT BINARY)";
}
