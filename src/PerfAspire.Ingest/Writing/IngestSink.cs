using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// The parser's <see cref="IRowSink"/> during a load: keeps rows of the selected categories, encodes them straight
/// into per-table binary COPY buffers (no per-row objects) and hands full batches to the writers. Runs on the parser
/// thread only; the counters are read by the progress reporter (64-bit reads are atomic on the supported platforms).
/// The open batches of all tables share one budget (<c>INGEST_MAX_OPEN_BYTES</c>): when their buffers together pass
/// it, the largest open batch is sealed early, so memory stays bounded however many tables a bundle fills while each
/// COPY still gets as many rows as the budget allows (direct compress into the columnstore wants big COPYs).
/// </summary>
internal sealed class IngestSink : IRowSink, IDisposable
{
    readonly string _schema;
    readonly BundleColumns _bundle;
    readonly int _batchRows;
    readonly int _batchBytes;
    readonly Func<TableGroup, bool> _include;
    readonly Func<TableLayout, int> _maxColumns;
    readonly Func<CopyBatch, int, int> _submit;
    readonly long _maxOpenBytes;
    long _openBytes;
    readonly Dictionary<TableLayout, TableBatchBuilder?> _builders = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<TableLayout, TableRollup> _rollups = new(ReferenceEqualityComparer.Instance);
    readonly TextBatchBuilder? _text;
    TableLayout? _lastLayout;
    TableBatchBuilder? _lastBuilder;
    TableRollup? _lastRollup;
    string _fileName = "";
    long _minTs = long.MaxValue;
    long _maxTs = long.MinValue;

    /// <param name="include">Whether a group's rows are kept (the load's categories).</param>
    /// <param name="includeText">Whether text records are kept (the first ingestion of a bundle only).</param>
    /// <param name="maxColumns">How many of a layout's metric columns may be written (all, unless schema auto-update is off).</param>
    /// <param name="submit">Queues a sealed batch for the writer it names (-1: not yet assigned) and returns the writer used.</param>
    public IngestSink(string schema, BundleColumns bundle, int batchRows, int batchBytes, Func<TableGroup, bool> include, bool includeText,
        Func<TableLayout, int> maxColumns, Func<CopyBatch, int, int> submit, long maxOpenBytes = long.MaxValue)
    {
        _maxOpenBytes = maxOpenBytes;
        _schema = schema;
        _bundle = bundle;
        _batchRows = batchRows;
        _batchBytes = batchBytes;
        _include = include;
        _maxColumns = maxColumns;
        _submit = submit;
        _text = includeText ? new TextBatchBuilder(schema, bundle, batchRows, batchBytes) : null;
        _openBytes = _text?.OpenBytes ?? 0;
    }

    /// <summary>Bytes held by the open (not yet sealed) batches of every table.</summary>
    public long OpenBytes => _openBytes;

    /// <summary>Batches sealed early because the open batches together passed the budget.</summary>
    public long BudgetSeals { get; private set; }

    public long RowsKept { get; private set; }

    public long RowsFilteredOut { get; private set; }

    public long TextRecords { get; private set; }

    public long TextFilteredOut { get; private set; }

    /// <summary>Rows kept while reading the current file.</summary>
    public long FileRows { get; private set; }

    public long FileText { get; private set; }

    public DateTimeOffset? TimeStart => _minTs == long.MaxValue ? null : DateTimeOffset.UnixEpoch.AddTicks(_minTs * 10);

    public DateTimeOffset? TimeEnd => _maxTs == long.MinValue ? null : DateTimeOffset.UnixEpoch.AddTicks(_maxTs * 10);

    public long ValuesKept
    {
        get
        {
            long v = 0;
            foreach (var b in _builders.Values) v += b?.ValuesEncoded ?? 0;
            return v;
        }
    }

    /// <summary>Rows encoded per table (tables with at least one row).</summary>
    public Dictionary<string, long> RowsPerTable()
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var b in _builders.Values)
        {
            if (b is { RowsEncoded: > 0 }) d[b.Layout.Table] = d.GetValueOrDefault(b.Layout.Table) + b.RowsEncoded;
        }
        if (_text is { RowsEncoded: > 0 }) d[TextBatchBuilder.Table] = _text.RowsEncoded;
        return d;
    }

    /// <summary>The series rollup of every table with rows in this load (tables dropped for too many series included).</summary>
    public IReadOnlyCollection<TableRollup> Rollups => _rollups.Values;

    /// <summary>Text records carry the file they came from.</summary>
    public void BeginFile(string fileName)
    {
        _fileName = fileName;
        foreach (var r in _rollups.Values) r.BeginFile();
        FileRows = 0;
        FileText = 0;
    }

    public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
    {
        TableBatchBuilder? b;
        if (ReferenceEquals(layout, _lastLayout)) b = _lastBuilder;
        else
        {
            if (!_builders.TryGetValue(layout, out b))
            {
                b = _include(layout.Group)
                    ? new TableBatchBuilder(_schema, layout, _bundle, _batchRows, _batchBytes, _maxColumns(layout))
                    : null;
                if (b is not null) _openBytes += b.OpenBytes;
                _builders[layout] = b;
                if (b is not null) _rollups[layout] = new TableRollup(layout);
            }
            _lastLayout = layout;
            _lastBuilder = b;
            _lastRollup = b is null ? null : _rollups[layout];
        }
        if (b is null)
        {
            RowsFilteredOut++;
            return;
        }
        var before = b.OpenBytes;
        var full = b.Append(tsMicros, labels, values, out var sealedBefore);
        _openBytes += b.OpenBytes - before;
        if (sealedBefore is not null) b.Writer = _submit(sealedBefore, b.Writer);
        if (full is not null) b.Writer = _submit(full, b.Writer);
        if (_openBytes > _maxOpenBytes) SealLargest();
        _lastRollup!.Add(tsMicros, labels, values, b.Columns);
        RowsKept++;
        FileRows++;
        if (tsMicros < _minTs) _minTs = tsMicros;
        if (tsMicros > _maxTs) _maxTs = tsMicros;
    }

    public void OnText(long? tsMicros, string prefix, long lineNo, string text)
    {
        if (_text is null)
        {
            TextFilteredOut++;
            return;
        }
        var before = _text.OpenBytes;
        var full = _text.Append(tsMicros, _fileName, prefix, lineNo, text, out var sealedBefore);
        _openBytes += _text.OpenBytes - before;
        if (sealedBefore is not null) _text.Writer = _submit(sealedBefore, _text.Writer);
        if (full is not null) _text.Writer = _submit(full, _text.Writer);
        if (_openBytes > _maxOpenBytes) SealLargest();
        TextRecords++;
        FileText++;
    }

    /// <summary>Seals the open batches holding the most memory until the open bytes fit the budget again.</summary>
    void SealLargest()
    {
        while (_openBytes > _maxOpenBytes)
        {
            TableBatchBuilder? largest = null;
            foreach (var b in _builders.Values)
            {
                if (b is { OpenRows: > 0 } && (largest is null || b.OpenBytes > largest.OpenBytes)) largest = b;
            }
            if (_text is { OpenRows: > 0 } t && (largest is null || t.OpenBytes > largest.OpenBytes))
            {
                var before = t.OpenBytes;
                var batch = t.Seal()!;
                _openBytes += t.OpenBytes - before;
                BudgetSeals++;
                t.Writer = _submit(batch, t.Writer);
                continue;
            }
            if (largest is null) return;
            var was = largest.OpenBytes;
            var sealedBatch = largest.Seal()!;
            _openBytes += largest.OpenBytes - was;
            BudgetSeals++;
            largest.Writer = _submit(sealedBatch, largest.Writer);
        }
    }

    /// <summary>Seals and submits every partly filled batch (end of the load).</summary>
    public void Flush()
    {
        foreach (var b in _builders.Values)
        {
            if (b is null) continue;
            var before = b.OpenBytes;
            var batch = b.Seal();
            _openBytes += b.OpenBytes - before;
            if (batch is not null) b.Writer = _submit(batch, b.Writer);
        }
        if (_text is not null)
        {
            var before = _text.OpenBytes;
            var t = _text.Seal();
            _openBytes += _text.OpenBytes - before;
            if (t is not null) _text.Writer = _submit(t, _text.Writer);
        }
    }

    public void Dispose()
    {
        foreach (var b in _builders.Values) b?.Release();
        _builders.Clear();
        _text?.Release();
    }
}
