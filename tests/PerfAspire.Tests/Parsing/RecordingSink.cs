using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Tests.Parsing;

/// <summary>Keeps every row and text record the parser emits, with labels and values by name.</summary>
public sealed class RecordingSink : IRowSink
{
    public sealed record Row(string Table, long TsMicros, IReadOnlyDictionary<string, string?> Labels, IReadOnlyDictionary<string, double> Values)
    {
        public double this[string column] => Values[column];
        public string? Label(string name) => Labels[name];
    }

    public sealed record Text(long? TsMicros, string Prefix, long LineNo, string Body);

    public List<Row> Rows { get; } = [];
    public List<Text> Texts { get; } = [];
    public List<SchemaChange> Changes { get; } = [];
    public List<PtopMetadata> Metadata { get; } = [];

    public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
    {
        var l = new Dictionary<string, string?>();
        for (var i = 0; i < layout.Group.Labels.Count; i++) l[layout.Group.Labels[i].Name] = labels[i];
        var v = new Dictionary<string, double>();
        for (var i = 0; i < values.Length; i++) v[layout.Metrics[i].Column] = values[i];
        Rows.Add(new Row(layout.Table, tsMicros, l, v));
    }

    public void OnText(long? tsMicros, string prefix, long lineNo, string text) => Texts.Add(new Text(tsMicros, prefix, lineNo, text));

    public void OnMetadata(PtopMetadata metadata) => Metadata.Add(metadata);

    public void OnSchemaChange(SchemaChange change) => Changes.Add(change);

    public IEnumerable<Row> Table(string table) => Rows.Where(r => r.Table == table);
}
