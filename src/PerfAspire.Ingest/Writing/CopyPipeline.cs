using System.Threading.Channels;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Parser → writers for one load. The parser thread encodes rows through <see cref="Sink"/>; sealed batches go to
/// <see cref="IngestSettings.CopyWriters"/> COPY connections that run concurrently with parsing (each table sticks
/// to one writer, the least loaded when its first batch appears). Memory is bounded twice: the open batches of all
/// tables by INGEST_MAX_OPEN_BYTES (the sink seals the largest early), the sealed ones waiting for a writer by a byte gate. The first
/// writer failure cancels everything; <see cref="CompleteAsync"/> then throws it.
/// </summary>
internal sealed class CopyPipeline : IAsyncDisposable
{
    readonly Channel<CopyBatch>[] _channels;
    readonly CopyWriter[] _writers;
    readonly long[] _assignedRows;
    readonly ByteGate _gate;
    readonly CancellationTokenSource _cts;
    readonly Task[] _running;
    readonly object _failureGate = new();
    Exception? _failure;

    public CopyPipeline(IngestSettings settings, string connectionString, BundleColumns bundle, Func<TableGroup, bool> include,
        bool includeText, ITableEnsurer ensurer, CancellationToken ct, bool directCompress = false)
    {
        Ledger = new WriteLedger();
        _cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _gate = new ByteGate(settings.MaxInFlightBytes);
        var n = Math.Max(1, settings.CopyWriters);
        _channels = new Channel<CopyBatch>[n];
        _writers = new CopyWriter[n];
        _assignedRows = new long[n];
        _running = new Task[n];
        var writerConnection = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;
        for (var i = 0; i < n; i++)
        {
            _channels[i] = Channel.CreateUnbounded<CopyBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            _writers[i] = new CopyWriter(i, settings, writerConnection, bundle.BundleId, Ledger, ensurer, directCompress);
        }
        for (var i = 0; i < n; i++)
        {
            var w = _writers[i];
            var reader = _channels[i].Reader;
            _running[i] = Task.Run(() => RunWriterAsync(w, reader));
        }
        var autoUpdate = settings.Database.SchemaAutoUpdate;
        var (batchRows, batchBytes) = directCompress
            ? (Math.Max(settings.Database.BatchSize, settings.ColumnstoreBatchRows), Math.Max(settings.MaxBatchBytes, ColumnstoreBatchBytes))
            : (settings.Database.BatchSize, settings.MaxBatchBytes);
        Sink = new IngestSink(settings.Database.Schema, bundle, batchRows, batchBytes, include, includeText,
            layout => MaxColumns(layout, autoUpdate), Submit, settings.MaxOpenBytes);
    }

    /// <summary>Byte cap of a COPY into the columnstore (the usual INGEST_MAX_BATCH_BYTES would seal TOP batches at ~60,000 rows).</summary>
    public const int ColumnstoreBatchBytes = 16 << 20;

    public IngestSink Sink { get; }

    public WriteLedger Ledger { get; }

    public CancellationToken Token => _cts.Token;

    /// <summary>With SCHEMA_AUTO_UPDATE off, discovered columns (and tables) are not written; the summary says so.</summary>
    static int MaxColumns(TableLayout layout, bool autoUpdate)
    {
        if (autoUpdate) return int.MaxValue;
        var spec = SchemaSpec.Default.ByTable(layout.Table);
        return spec is null ? 0 : spec.Metrics.Count;
    }

    async Task RunWriterAsync(CopyWriter writer, ChannelReader<CopyBatch> reader)
    {
        try
        {
            await writer.RunAsync(reader, _gate, _cts.Token);
        }
        catch (Exception e)
        {
            lock (_failureGate) _failure ??= e;
            await _cts.CancelAsync();
        }
        finally
        {
            await writer.DisposeAsync();
            // Anything left behind after a failure still holds pooled buffers and gate bytes.
            while (reader.TryRead(out var left))
            {
                _gate.Release(left.Length);
                left.Release();
            }
        }
    }

    /// <summary>Called on the parser thread; blocks while too many bytes wait for the writers.</summary>
    int Submit(CopyBatch batch, int writer)
    {
        if (writer < 0)
        {
            writer = 0;
            for (var i = 1; i < _assignedRows.Length; i++)
            {
                if (_assignedRows[i] < _assignedRows[writer]) writer = i;
            }
        }
        _assignedRows[writer] += batch.Rows;
        try
        {
            _gate.Acquire(batch.Length, _cts.Token);
        }
        catch (OperationCanceledException)
        {
            batch.Release();
            ThrowIfFailed();
            throw;
        }
        if (!_channels[writer].Writer.TryWrite(batch))
        {
            _gate.Release(batch.Length);
            batch.Release();
            ThrowIfFailed();
            throw new OperationCanceledException(_cts.Token);
        }
        return writer;
    }

    /// <summary>Rethrows the first writer failure, if any.</summary>
    public void ThrowIfFailed()
    {
        Exception? f;
        lock (_failureGate) f = _failure;
        if (f is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(f).Throw();
    }

    /// <summary>Flushes the open batches, waits for every writer, and throws the first failure if any.</summary>
    public async Task CompleteAsync()
    {
        if (!_cts.IsCancellationRequested)
        {
            try
            {
                Sink.Flush();
            }
            catch (OperationCanceledException) when (_failure is not null)
            {
            }
        }
        foreach (var c in _channels) c.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_running);
        }
        catch (OperationCanceledException)
        {
        }
        ThrowIfFailed();
        _cts.Token.ThrowIfCancellationRequested();
    }

    /// <summary>Stops the writers (the parser failed or the load was cancelled).</summary>
    public async Task AbortAsync()
    {
        await _cts.CancelAsync();
        foreach (var c in _channels) c.Writer.TryComplete();
        try { await Task.WhenAll(_running); } catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running.All(t => t.IsCompleted)) await AbortAsync();
        Sink.Dispose();
        _cts.Dispose();
    }
}
