using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;
using Npgsql;
using PerfAspire.Ingest.Diagnostics;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;
using Polly;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// One COPY connection of a load. Writes each batch with binary COPY in its own transaction (autocommit), so a
/// committed batch survives whatever happens later. Failures:
/// <list type="bullet">
/// <item>connection/server errors are retried with exponential backoff on a fresh connection; before a retry the
/// table's row count for the bundle tells whether the lost batch had in fact committed, so nothing is written twice;</item>
/// <item>rows the server rejects (data errors) are isolated by splitting the batch in halves down to single rows,
/// which are counted as rejected with a sample of the error;</item>
/// <item>anything else, or retries exhausted, fails the load (the caller deletes its rows).</item>
/// </list>
/// A table's batches always go to the same writer, so they are written in order and the count check is exact.
/// With <paramref name="directCompress"/> (TimescaleDB's columnstore) each COPY writes compressed batches straight
/// into the chunks instead of row-store tuples.
/// </summary>
internal sealed class CopyWriter(int index, IngestSettings settings, string connectionString, string bundleId, WriteLedger ledger,
    ITableEnsurer ensurer, bool directCompress = false) : IAsyncDisposable
{
    static readonly byte[] HeaderBytes = PgBinary.Header.ToArray();
    static readonly byte[] TrailerBytes = PgBinary.Trailer.ToArray();
    readonly Dictionary<string, int> _ensured = new(StringComparer.Ordinal);
    // Jittered: the writers of a load lose the connection together and should not all come back at once.
    readonly ResiliencePipeline _retry = DatabaseRetry.Pipeline(settings.CopyRetries, settings.RetryBaseDelay, IsTransient, (_, _) => ledger.Retried(), jitter: true);
    NpgsqlConnection? _conn;

    public int Index => index;

    public async Task RunAsync(ChannelReader<CopyBatch> input, ByteGate gate, CancellationToken ct)
    {
        await foreach (var batch in input.ReadAllAsync(ct))
        {
            try
            {
                await WriteBatchAsync(batch, ct);
            }
            finally
            {
                gate.Release(batch.Length);
                batch.Release();
            }
        }
    }

    async Task WriteBatchAsync(CopyBatch batch, CancellationToken ct)
    {
        if (batch.Layout is { } layout)
        {
            var known = _ensured.TryGetValue(batch.Table, out var k) ? k
                : SchemaSpec.Default.ByTable(batch.Table) is { } g && ReferenceEquals(g, layout.Group) ? g.Metrics.Count : -1;
            if (batch.MetricColumns > known)
            {
                await WithRetryAsync(() => ensurer.EnsureAsync(layout, ct), "schema update of " + batch.Table, ct);
                _ensured[batch.Table] = layout.MetricCount;
            }
            else _ensured[batch.Table] = known;
        }
        if (settings.BeforeBatch is { } hook) await hook(batch, index, ct);
        int[]? offsets = null;
        var rejectedValues = await WriteRangeAsync(batch, 0, batch.Rows, () => offsets ??= batch.RowOffsets(), ct);
        ledger.CommittedValues(batch.Values - rejectedValues);
    }

    /// <summary>Writes rows [lo, hi) of the batch; returns the number of metric values in rows the server rejected.</summary>
    async Task<long> WriteRangeAsync(CopyBatch batch, int lo, int hi, Func<int[]> offsets, CancellationToken ct)
    {
        var rows = hi - lo;
        int start, end;
        if (lo == 0 && hi == batch.Rows) { start = 0; end = batch.Length; }
        else { var o = offsets(); start = o[lo]; end = o[hi]; }

        ct.ThrowIfCancellationRequested();
        var attempts = 0;
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                // A failed attempt may have hit after the server committed the batch: the count tells.
                if (attempts++ > 0 && await WithRetryAsync(() => AlreadyCommittedAsync(batch.Table, rows, token), "row count check of " + batch.Table, token))
                {
                    ledger.Committed(batch.Table, rows);
                    IngestTelemetry.RowsInsertedTotal.Add(rows, new KeyValuePair<string, object?>("table", batch.Table));
                    return 0L;
                }
                var sw = Stopwatch.StartNew();
                try
                {
                    await CopyAsync(batch.CopyCommand, batch.Data.AsMemory(start, end - start), token);
                }
                catch (Exception e)
                {
                    Record(sw, ok: false);
                    if (IsTransient(e)) await ResetAsync();
                    throw;
                }
                Record(sw, ok: true);
                ledger.Committed(batch.Table, rows);
                IngestTelemetry.RowsInsertedTotal.Add(rows, new KeyValuePair<string, object?>("table", batch.Table));
                return 0L;
            }, ct);
        }
        catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
        {
            throw new IngestException(IngestErrors.DatabaseUnavailable,
                $"database_unavailable: COPY into {batch.Table} kept failing after {attempts} attempts ({Describe(e)})", 503, e);
        }
        catch (PostgresException e) when (IsRowProblem(e))
        {
            if (rows == 1)
            {
                var values = ValuesInRow(batch, start);
                ledger.Rejected(batch.Table, values, e.MessageText + (e.Where is { Length: > 0 } w ? " (" + w + ")" : ""));
                return values;
            }
            var mid = lo + rows / 2;
            return await WriteRangeAsync(batch, lo, mid, offsets, ct) + await WriteRangeAsync(batch, mid, hi, offsets, ct);
        }
        catch (PostgresException e)
        {
            throw new IngestException(IngestErrors.IngestFailed, $"ingest_failed: COPY into {batch.Table} failed: {e.SqlState} {e.MessageText}", 500, e);
        }
    }

    static void Record(Stopwatch sw, bool ok)
    {
        var ms = sw.Elapsed.TotalMilliseconds;
        IngestTelemetry.CopyDurationMsSum.Add(ms);
        IngestTelemetry.CopyDurationMs.Record(ms);
        if (ok) IngestTelemetry.BatchesTotal.Add(1);
        else IngestTelemetry.BatchesFailedTotal.Add(1);
    }

    async Task CopyAsync(string command, ReadOnlyMemory<byte> rows, CancellationToken ct)
    {
        var conn = await ConnectionAsync(ct);
        var copy = await conn.BeginRawBinaryCopyAsync(command, ct);
        try
        {
            await copy.WriteAsync(HeaderBytes, ct);
            await copy.WriteAsync(rows, ct);
            await copy.WriteAsync(TrailerBytes, ct);
        }
        catch
        {
            try { await copy.CancelAsync(); } catch (Exception) { /* the original failure is what matters */ }
            try { await copy.DisposeAsync(); } catch (Exception) { /* idem */ }
            throw;
        }
        // Completing the COPY sends CopyDone and reads the server's verdict: data errors surface here.
        await copy.DisposeAsync();
    }

    async Task<bool> AlreadyCommittedAsync(string table, int rows, CancellationToken ct)
    {
        var conn = await ConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(LifecycleSql.CountRows(settings.Database.Schema, table), conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var before = ledger.CommittedIn(table);
        if (count == before + rows) return true;
        if (count == before) return false;
        throw new IngestException(IngestErrors.IngestFailed,
            $"ingest_failed: {table} holds {count} rows of {bundleId} after a connection failure, expected {before} or {before + rows}", 500);
    }

    async Task<T> WithRetryAsync<T>(Func<Task<T>> action, string what, CancellationToken ct)
    {
        try
        {
            return await _retry.ExecuteAsync(async _ =>
            {
                try
                {
                    return await action();
                }
                catch (Exception e) when (IsTransient(e))
                {
                    await ResetAsync();
                    throw;
                }
            }, ct);
        }
        catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
        {
            throw new IngestException(IngestErrors.DatabaseUnavailable, $"database_unavailable: {what} kept failing ({Describe(e)})", 503, e);
        }
    }

    Task WithRetryAsync(Func<Task> action, string what, CancellationToken ct) =>
        WithRetryAsync(async () => { await action(); return true; }, what, ct);

    async Task<NpgsqlConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_conn is { State: System.Data.ConnectionState.Open }) return _conn;
        await ResetAsync();
        var conn = new NpgsqlConnection(connectionString);
        try
        {
            await conn.OpenAsync(ct);
            // Batch commits need not wait for the WAL flush: the final state change of the bundle is a normal
            // (synchronous) commit written after them, so it is never durable without them.
            await using var cmd = new NpgsqlCommand(LifecycleSql.CopySession(index, directCompress), conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        _conn = conn;
        return conn;
    }

    async Task ResetAsync()
    {
        if (_conn is null) return;
        try { await _conn.DisposeAsync(); } catch (Exception) { /* a broken connection may fail to close; it is dropped either way */ }
        _conn = null;
    }

    /// <summary>Non-null metric fields of the tuple at <paramref name="offset"/>.</summary>
    static long ValuesInRow(CopyBatch batch, int offset)
    {
        if (batch.Layout is null) return 0;
        var span = batch.Data.AsSpan(0, batch.Length);
        var fields = System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(span[offset..]);
        var pos = offset + 2;
        var firstMetric = 5 + batch.Layout.Group.Labels.Count;
        long values = 0;
        for (var f = 0; f < fields; f++)
        {
            var len = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(span[pos..]);
            if (f >= firstMetric && len >= 0) values++;
            pos += 4 + Math.Max(0, len);
        }
        return values;
    }

    /// <summary>Errors caused by the connection or the server's state, not by the rows: worth a retry.</summary>
    internal static bool IsTransient(Exception e) => e switch
    {
        PostgresException pe => pe.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pe.SqlState.StartsWith("53", StringComparison.Ordinal)
            || pe.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01" or "55P03"
            // Two sessions writing into (or compressing) the same compressed chunk at once can race on the chunk's
            // catalog row; the statement is rolled back and a retry succeeds.
            || (pe.SqlState == "XX000" && pe.MessageText.Contains("tuple concurrently updated", StringComparison.Ordinal)),
        NpgsqlException => true,
        IOException or SocketException or TimeoutException => true,
        InvalidOperationException ioe => ioe.Message.Contains("connection", StringComparison.OrdinalIgnoreCase),
        PerfAspire.Schema.Database.SchemaAutoUpdateException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>Errors about the rows themselves (bad value, constraint): split the batch to find them.</summary>
    static bool IsRowProblem(PostgresException e) =>
        e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal) || e.SqlState == "54000";

    static string Describe(Exception e) => e is PostgresException pe ? $"{pe.SqlState} {pe.MessageText}" : e.Message;

    public ValueTask DisposeAsync() => new(ResetAsync());
}
