using System.Globalization;
using System.Text;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Bench.Ingest;

/// <summary>
/// Writes exactly the rows an ingestion writes, as one CSV file per table (columns in COPY order), so
/// <c>psql \copy</c> can load the same rows for the P2 baseline. Not timed: the baseline starts from ready-made CSV.
/// </summary>
internal sealed class CsvRowSink(string directory, string bundleId, string? sptid, string host) : IRowSink, IDisposable
{
    readonly Dictionary<string, (StreamWriter Writer, TableLayout? Layout, int Columns)> _files = new(StringComparer.Ordinal);
    readonly StringBuilder _line = new(512);
    string _fileName = "";

    public void BeginFile(string fileName) => _fileName = fileName;

    /// <summary>Table → (csv path, column list) once everything is written.</summary>
    public IReadOnlyDictionary<string, (string Path, IReadOnlyList<string> Columns)> Files { get; private set; } =
        new Dictionary<string, (string, IReadOnlyList<string>)>();

    public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
    {
        var (w, _, _) = Writer(layout.Table, layout);
        var sb = _line.Clear();
        Common(sb, tsMicros, layout.Group.Category);
        for (var i = 0; i < layout.Group.Labels.Count; i++)
        {
            sb.Append(',');
            if (i < labels.Length && labels[i] is { } l) Quote(sb, l);
        }
        var metrics = layout.Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            sb.Append(',');
            var v = i < values.Length ? values[i] : double.NaN;
            if (double.IsNaN(v)) continue;
            if (metrics[i].SqlType == "bigint") sb.Append(((long)Math.Round(v)).ToString(CultureInfo.InvariantCulture));
            else sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        sb.Append('\n');
        w.Write(sb);
    }

    public void OnText(long? tsMicros, string prefix, long lineNo, string text)
    {
        var (w, _, _) = Writer(CommonColumns.TextRecordsTable, null);
        var sb = _line.Clear();
        if (tsMicros is { } ts) sb.Append(Timestamp(ts));
        sb.Append(',');
        Quote(sb, bundleId);
        sb.Append(',');
        if (sptid is not null) Quote(sb, sptid);
        sb.Append(",text,");
        Quote(sb, host);
        sb.Append(',');
        Quote(sb, _fileName);
        sb.Append(',');
        Quote(sb, prefix);
        sb.Append(',').Append(lineNo.ToString(CultureInfo.InvariantCulture)).Append(',');
        Quote(sb, text.Replace("\0", "\uFFFD"));
        sb.Append('\n');
        w.Write(sb);
    }

    void Common(StringBuilder sb, long tsMicros, string category)
    {
        sb.Append(Timestamp(tsMicros)).Append(',');
        Quote(sb, bundleId);
        sb.Append(',');
        if (sptid is not null) Quote(sb, sptid);
        sb.Append(',');
        Quote(sb, category);
        sb.Append(',');
        Quote(sb, host);
    }

    static string Timestamp(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * 10).ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture);

    static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            if (c == '"') sb.Append("\"\"");
            else sb.Append(c);
        }
        sb.Append('"');
    }

    (StreamWriter, TableLayout?, int) Writer(string table, TableLayout? layout)
    {
        if (_files.TryGetValue(table, out var f)) return f;
        var path = Path.Combine(directory, table + ".csv");
        f = (new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20), layout, layout?.MetricCount ?? 0);
        _files[table] = f;
        return f;
    }

    public void Dispose()
    {
        var files = new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var (table, (w, layout, _)) in _files)
        {
            w.Dispose();
            IReadOnlyList<string> cols = layout is null
                ? [.. CommonColumns.All, "file_name", "prefix", "line_no", "text"]
                : [.. CommonColumns.All, .. layout.Group.Labels.Select(l => l.Name), .. layout.Metrics.Select(m => m.Column)];
            files[table] = (Path.Combine(directory, table + ".csv"), cols);
        }
        Files = files;
    }
}
