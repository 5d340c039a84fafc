using System.Collections.Concurrent;

namespace PerfAspire.Ingest.Writing;

/// <summary>What the writers of one load committed, retried and rejected; read by progress and the summary.</summary>
internal sealed class WriteLedger
{
    const int MaxSamples = 10;
    readonly ConcurrentDictionary<string, long> _committed = new(StringComparer.Ordinal);
    readonly ConcurrentQueue<string> _rejectSamples = new();
    long _rows;
    long _values;
    long _batches;
    long _retries;
    long _rejected;
    long _rejectedValues;

    public long RowsCommitted => Interlocked.Read(ref _rows);

    public long ValuesCommitted => Interlocked.Read(ref _values);

    public long BatchesCommitted => Interlocked.Read(ref _batches);

    public long Retries => Interlocked.Read(ref _retries);

    public long RowsRejected => Interlocked.Read(ref _rejected);

    public long ValuesRejected => Interlocked.Read(ref _rejectedValues);

    public IReadOnlyList<string> RejectSamples => [.. _rejectSamples];

    public long CommittedIn(string table) => _committed.GetValueOrDefault(table);

    public IReadOnlyDictionary<string, long> CommittedPerTable() => new Dictionary<string, long>(_committed, StringComparer.Ordinal);

    public void Committed(string table, int rows)
    {
        _committed.AddOrUpdate(table, rows, (_, v) => v + rows);
        Interlocked.Add(ref _rows, rows);
        Interlocked.Increment(ref _batches);
    }

    public void CommittedValues(long values) => Interlocked.Add(ref _values, values);

    public void Retried() => Interlocked.Increment(ref _retries);

    public void Rejected(string table, long values, string reason)
    {
        Interlocked.Increment(ref _rejected);
        Interlocked.Add(ref _rejectedValues, values);
        if (_rejectSamples.Count < MaxSamples) _rejectSamples.Enqueue($"{table}: {reason}");
    }
}
