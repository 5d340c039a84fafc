using PerfAspire.Schema.Query;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Encodes the rows of one hypertable into binary COPY tuples as the parser hands them over, and seals a
/// <see cref="CopyBatch"/> every <c>TIMESCALE_BATCH_SIZE</c> rows, or before a row could take it past the byte cap
/// (so its buffer never grows beyond the cap). When the live layout grows (a metric discovered mid-run) the open batch
/// is sealed first so a batch has one column list. <see cref="OpenBytes"/> is what the open batch holds in memory.
/// </summary>
internal sealed class TableBatchBuilder
{
    readonly string _schema;
    readonly byte[] _common;
    readonly int _batchRows;
    readonly int _batchBytes;
    readonly int _maxColumns;
    readonly int _labelCount;
    BatchBuffer _buf;
    ColumnEncoding[] _enc = [];
    string _command = "";
    int _columns = -1;
    int _rows;
    long _values;

    public TableBatchBuilder(string schema, TableLayout layout, BundleColumns bundle, int batchRows, int batchBytes, int maxColumns)
    {
        _schema = schema;
        Layout = layout;
        _common = bundle.EncodeCommon(layout.Group.Category);
        _batchRows = batchRows;
        _batchBytes = batchBytes;
        _maxColumns = maxColumns;
        _labelCount = layout.Group.Labels.Count;
        _buf = new BatchBuffer(InitialBytes, batchBytes);
    }

    /// <summary>Buffer a batch starts with; it doubles as rows arrive, so a small table never holds a big array.</summary>
    public const int InitialBytes = 64 * 1024;

    /// <summary>Bytes the open batch holds (its buffer's size, filled or not).</summary>
    public int OpenBytes => _buf.Capacity;

    /// <summary>Encoded bytes of the open batch.</summary>
    public int OpenLength => _buf.Length;

    /// <summary>Rows in the open batch.</summary>
    public int OpenRows => _rows;

    public TableLayout Layout { get; }

    /// <summary>Metric columns written per row by the current batch (the layout's, up to the auto-update limit).</summary>
    public int Columns => _columns;

    /// <summary>Rows this builder encoded (sealed or not).</summary>
    public long RowsEncoded { get; private set; }

    /// <summary>Non-null metric values this builder encoded.</summary>
    public long ValuesEncoded { get; private set; }

    /// <summary>The writer this table's batches go to (assigned on the first batch; one writer per table keeps them ordered).</summary>
    public int Writer { get; set; } = -1;

    /// <summary>Encodes one row; returns a sealed batch when the batch is full, else null.</summary>
    public CopyBatch? Append(long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values, out CopyBatch? sealedBefore)
    {
        sealedBefore = null;
        var columns = Math.Min(Layout.MetricCount, _maxColumns);
        if (columns > _columns)
        {
            if (_rows > 0) sealedBefore = Seal();
            SetColumns(columns);
        }
        else if (_rows > 0 && _buf.Length + MaxRowBytes(labels) > _batchBytes)
        {
            sealedBefore = Seal();
        }

        var fields = 5 + _labelCount + _columns;
        _buf.Ensure(2 + 12 + _common.Length);
        _buf.Int16((short)fields);
        _buf.Int64Field(tsMicros - PgBinary.PostgresEpochMicros);
        _buf.Raw(_common);
        for (var i = 0; i < _labelCount; i++)
        {
            var label = i < labels.Length ? labels[i] : null;
            if (label is null) { _buf.Ensure(4); _buf.Null(); }
            else _buf.TextField(label);
        }
        _buf.Ensure(12 * _columns);
        var enc = _enc;
        long written = 0;
        for (var i = 0; i < _columns; i++)
        {
            var v = i < values.Length ? values[i] : double.NaN;
            if (double.IsNaN(v))
            {
                _buf.Null();
                continue;
            }
            written++;
            switch (enc[i])
            {
                case ColumnEncoding.Float8: _buf.Float8Field(v); break;
                case ColumnEncoding.Int8: _buf.Int64Field(ToInt64(v)); break;
                case ColumnEncoding.Float4: _buf.Float4Field((float)v); break;
                case ColumnEncoding.Int4: _buf.Int32Field((int)Math.Clamp(Math.Round(v), int.MinValue, int.MaxValue)); break;
                default: _buf.Int16Field((short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)); break;
            }
        }
        _values += written;
        ValuesEncoded += written;
        _rows++;
        RowsEncoded++;
        return _rows >= _batchRows || _buf.Length >= _batchBytes ? Seal() : null;
    }

    /// <summary>Upper bound of the encoded size of a row with these labels (UTF-8 takes at most 3 bytes per UTF-16 unit).</summary>
    int MaxRowBytes(ReadOnlySpan<string?> labels)
    {
        var n = 2 + 12 + _common.Length + 4 * _labelCount + 12 * _columns;
        for (var i = 0; i < labels.Length && i < _labelCount; i++) n += 3 * (labels[i]?.Length ?? 0);
        return n;
    }

    static long ToInt64(double v)
    {
        if (double.IsInfinity(v)) return v > 0 ? long.MaxValue : long.MinValue;
        var r = Math.Round(v);
        return r >= 9.2233720368547758E18 ? long.MaxValue : r <= -9.2233720368547758E18 ? long.MinValue : (long)r;
    }

    void SetColumns(int columns)
    {
        _columns = columns;
        var metrics = Layout.Metrics;
        _enc = new ColumnEncoding[columns];
        for (var i = 0; i < columns; i++) _enc[i] = ColumnEncodings.Of(metrics[i].SqlType);
        _command = CopySql.ForTable(_schema, Layout, columns);
    }

    /// <summary>The open batch, or null when empty.</summary>
    public CopyBatch? Seal()
    {
        if (_rows == 0) return null;
        var (data, length) = _buf.Detach(InitialBytes);
        var batch = new CopyBatch
        {
            Table = Layout.Table,
            Layout = Layout,
            MetricColumns = _columns,
            CopyCommand = _command,
            Data = data,
            Length = length,
            Rows = _rows,
            Values = _values,
        };
        _rows = 0;
        _values = 0;
        return batch;
    }

    public void Release() => _buf.Release();
}
