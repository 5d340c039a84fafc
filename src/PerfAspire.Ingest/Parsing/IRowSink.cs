using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Where the parser puts what it reads. Implementations must copy anything they keep: the spans are
/// only valid during the call (the parser reuses its buffers).
/// </summary>
public interface IRowSink
{
    /// <summary>
    /// One typed row for <paramref name="layout"/>'s table.
    /// <paramref name="labels"/> follows <c>layout.Group.Labels</c> (null = SQL NULL);
    /// <paramref name="values"/> follows <c>layout.Metrics</c> at the time of the call (NaN = SQL NULL) and may be
    /// shorter than the current layout if columns were added after the row was read.
    /// </summary>
    void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values);

    /// <summary>A line kept verbatim in ptops_text_records (opaque plugins, unknown prefixes, headers).</summary>
    void OnText(long? tsMicros, string prefix, long lineNo, string text);

    /// <summary>
    /// IDENT or ARGS was read (normally before the first row): <c>host</c> falls back to
    /// <see cref="PtopMetadata.HostId"/> when the bundle name has none. Called again when a later line adds to it.
    /// </summary>
    void OnMetadata(PtopMetadata metadata) { }

    /// <summary>
    /// A table or column was just created in the live layout by this parse (schema auto-update on). Called before
    /// the first row that uses it, so the writer can create it in the database first.
    /// </summary>
    void OnSchemaChange(SchemaChange change) { }
}
