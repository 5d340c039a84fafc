using PerfAspire.Schema.Query;

namespace PerfAspire.Ingest.Writing;

/// <summary>Encodes text records (ptops_text_records, docs/ptop-format.md §3.13) like <see cref="TableBatchBuilder"/> does typed rows.</summary>
internal sealed class TextBatchBuilder(string schema, BundleColumns bundle, int batchRows, int batchBytes)
{
    readonly byte[] _common = bundle.EncodeCommon("text");
    readonly string _command = CopySql.ForText(schema);
    BatchBuffer _buf = new(TableBatchBuilder.InitialBytes, batchBytes);
    int _rows;

    public const string Table = PerfAspire.Schema.Spec.CommonColumns.TextRecordsTable;

    public long RowsEncoded { get; private set; }

    public int Writer { get; set; } = -1;

    /// <summary>Bytes the open batch holds (its buffer's size).</summary>
    public int OpenBytes => _buf.Capacity;

    /// <summary>Records in the open batch.</summary>
    public int OpenRows => _rows;

    public CopyBatch? Append(long? tsMicros, string fileName, string prefix, long lineNo, string text, out CopyBatch? sealedBefore)
    {
        // Seal first when this record could take the buffer past the cap.
        sealedBefore = _rows > 0 && _buf.Length + 2 + 12 + _common.Length + 12 + 12 + 3 * (fileName.Length + prefix.Length + text.Length) > batchBytes
            ? Seal() : null;
        _buf.Ensure(2 + 12 + _common.Length + 12);
        _buf.Int16((short)CopySql.TextColumns.Length);
        if (tsMicros is { } ts) _buf.Int64Field(ts - PgBinary.PostgresEpochMicros);
        else _buf.Null();
        _buf.Raw(_common);
        _buf.TextField(fileName);
        _buf.TextField(prefix);
        _buf.Ensure(12);
        _buf.Int64Field(lineNo);
        _buf.TextField(text);
        _rows++;
        RowsEncoded++;
        return _rows >= batchRows || _buf.Length >= batchBytes ? Seal() : null;
    }

    public CopyBatch? Seal()
    {
        if (_rows == 0) return null;
        var (data, length) = _buf.Detach(TableBatchBuilder.InitialBytes);
        var batch = new CopyBatch
        {
            Table = Table,
            Layout = null,
            MetricColumns = 0,
            CopyCommand = _command,
            Data = data,
            Length = length,
            Rows = _rows,
            Values = 0,
        };
        _rows = 0;
        return batch;
    }

    public void Release() => _buf.Release();
}
