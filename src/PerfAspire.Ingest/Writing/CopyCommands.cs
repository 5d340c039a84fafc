using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// The COPY statements of the writer. Identifiers come from the schema spec / live layouts only and are quoted.
/// </summary>
internal static class CopyCommands
{
    public static readonly string[] TextColumns = [.. CommonColumns.All, "file_name", "prefix", "line_no", "text"];

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

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

    static string Build(string schema, string table, IEnumerable<string> columns) =>
        $"COPY {Quote(schema)}.{Quote(table)} ({string.Join(", ", columns.Select(Quote))}) FROM STDIN (FORMAT BINARY)";
}
