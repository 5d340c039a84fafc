using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Observability;

/// <summary>
/// Rows, bytes on disk and the compressed share of every record-group table (<see cref="StorageSql"/>), for
/// system_health and schema_list_tables, and each loaded bundle's estimated bytes for support_list_bundles.
/// The figures are an extra: a server that refuses a catalog read answers the rest of the call without them.
/// </summary>
public sealed class TableStorage(ReadOnlySessionFactory sessions, ILogger<TableStorage> logger)
{
    public sealed record Table(
        [property: JsonPropertyName("table_name")] string TableName,
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("bytes")] long Bytes,
        [property: JsonPropertyName("compressed_fraction")] double? CompressedFraction);

    public sealed record Totals(
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("bytes")] long Bytes,
        [property: JsonPropertyName("compressed_fraction")] double? CompressedFraction,
        [property: JsonPropertyName("bytes_per_row")] double? BytesPerRow,
        [property: JsonPropertyName("method")] string Method);

    public sealed record Report(IReadOnlyList<Table> Tables, Totals Totals);

    /// <summary>
    /// How long figures are reused while the bundles are unchanged. A load, unload or purge changes the bundles'
    /// fingerprint (<see cref="StorageSql.Fingerprint"/>), so the next call measures again at once; within this time
    /// only what changes without a bundle changing (a compression policy run, another load's growing chunks) can lag.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    sealed record Entry<T>(string Fingerprint, long MeasuredAt, T Value);

    /// <summary>One cached value; a race between two callers only measures twice.</summary>
    sealed class Slot<T> where T : class
    {
        volatile Entry<T>? _entry;

        public Entry<T>? Fresh(TimeSpan maxAge) => _entry is { } e && Stopwatch.GetElapsedTime(e.MeasuredAt) < maxAge ? e : null;

        public void Set(string fingerprint, T value) => _entry = new Entry<T>(fingerprint, Stopwatch.GetTimestamp(), value);
    }

    readonly Slot<Report> _report = new();
    readonly Slot<IReadOnlyDictionary<string, long>> _bundleBytes = new();

    /// <summary>Reads the figures in its own read-only session; null when the schema is not there or a read is refused.</summary>
    public async Task<Report?> ReadAsync(CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        return await ReadAsync(session, null, ct);
    }

    /// <summary>
    /// The figures within the caller's session (system_health), from the cache while the bundles are unchanged and it
    /// is younger than <see cref="CacheFor"/>: a hit is one small read of the bundles table, without the capability
    /// read or the savepoint. <paramref name="caps"/>, when the caller already read them, saves that read on a miss.
    /// </summary>
    public Task<Report?> ReadAsync(ReadOnlySession session, DatabaseCapabilities? caps, CancellationToken ct) =>
        CachedAsync(_report, session, caps, c => MeasureAsync(session, c, logger, ct), ct);

    /// <summary><see cref="ReadAsync(CancellationToken)"/>, null also when the database cannot be reached.</summary>
    public Task<Report?> TryReadAsync(CancellationToken ct) => Quietly(ReadAsync, ct);

    /// <summary>Estimated bytes per loaded bundle; null when they cannot be read (no schema, a refused read, no database).</summary>
    public Task<IReadOnlyDictionary<string, long>?> TryBundleBytesAsync(CancellationToken ct) => Quietly(BundleBytesAsync, ct);

    async Task<T?> Quietly<T>(Func<CancellationToken, Task<T?>> read, CancellationToken ct) where T : class
    {
        try
        {
            return await read(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            logger.LogInformation("storage figures unavailable ({Message})", e.Message);
            return null;
        }
    }

    async Task<IReadOnlyDictionary<string, long>?> BundleBytesAsync(CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        return await CachedAsync(_bundleBytes, session, null, caps => GuardedAsync(session, StorageSql.BundleBytes(session.Schema, caps.TimescaleAvailable), logger, async r =>
        {
            var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await r.ReadAsync(ct)) bytes[r.GetString(0)] = r.IsDBNull(1) ? 0 : r.GetInt64(1);
            return (IReadOnlyDictionary<string, long>)bytes;
        }, ct), ct);
    }

    /// <summary>
    /// The cached value while it is fresh and the bundles' fingerprint is the one it was measured under; else the
    /// capabilities (null: no schema, no figures), the fingerprint, then the measurement. The fingerprint is read
    /// before the figures, so a change between the two reads makes the next call measure again rather than keep
    /// figures older than their fingerprint.
    /// </summary>
    static async Task<T?> CachedAsync<T>(Slot<T> slot, ReadOnlySession session, DatabaseCapabilities? caps, Func<DatabaseCapabilities, Task<T?>> measure, CancellationToken ct)
        where T : class
    {
        string? fingerprint = null;
        if (slot.Fresh(CacheFor) is { } cached)
        {
            fingerprint = await FingerprintAsync(session, ct);
            if (fingerprint == cached.Fingerprint) return cached.Value;
        }
        caps ??= await DatabaseCapabilities.ReadAsync(session.Connection, session.Schema, ct);
        if (caps is null) return null;
        fingerprint ??= await FingerprintAsync(session, ct);
        var value = await measure(caps);
        if (value is not null) slot.Set(fingerprint, value);
        return value;
    }

    static async Task<string> FingerprintAsync(ReadOnlySession session, CancellationToken ct)
    {
        await using var cmd = session.Command(StorageSql.Fingerprint(session.Schema));
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Measures the figures now (no cache); null when the schema is not there or a read is refused.</summary>
    public static async Task<Report?> MeasureAsync(ReadOnlySession session, ILogger logger, CancellationToken ct)
    {
        var caps = await DatabaseCapabilities.ReadAsync(session.Connection, session.Schema, ct);
        return caps is null ? null : await MeasureAsync(session, caps, logger, ct);
    }

    static async Task<Report?> MeasureAsync(ReadOnlySession session, DatabaseCapabilities caps, ILogger logger, CancellationToken ct)
    {
        var tables = await GuardedAsync(session, StorageSql.Tables(session.Schema, caps.TimescaleAvailable), logger, async r =>
        {
            var list = new List<Table>();
            while (await r.ReadAsync(ct))
            {
                list.Add(new Table(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : Math.Round(r.GetDouble(3), 4)));
            }
            return list;
        }, ct);
        if (tables is null) return null;
        long rows = tables.Sum(t => t.Rows), bytes = tables.Sum(t => t.Bytes);
        var measured = tables.Where(t => t.CompressedFraction is not null).ToList();
        var measuredRows = measured.Sum(t => t.Rows);
        double? fraction = measured.Count == 0 ? null
            : measuredRows > 0 ? Math.Round(measured.Sum(t => t.CompressedFraction!.Value * t.Rows) / measuredRows, 4) : 0;
        return new Report(tables, new Totals(rows, bytes, fraction, rows > 0 ? Math.Round((double)bytes / rows, 1) : null, StorageSql.Method));
    }

    /// <summary>
    /// Runs one catalog read under a savepoint so a refusal (permissions, an extension function that differs in
    /// another TimescaleDB version) leaves the session usable for the rest of the call; null then.
    /// </summary>
    static async Task<T?> GuardedAsync<T>(ReadOnlySession session, RenderedQuery query, ILogger logger, Func<NpgsqlDataReader, Task<T>> read, CancellationToken ct)
        where T : class
    {
        await using (var sp = session.Command(SessionSql.Savepoint("storage"))) await sp.ExecuteNonQueryAsync(ct);
        try
        {
            await using var cmd = session.Command(query);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await read(r);
        }
        catch (PostgresException e)
        {
            logger.LogWarning("storage figures unavailable ({State}: {Message})", e.SqlState, e.MessageText);
            await using var rollback = session.Command(SessionSql.RollbackTo("storage"));
            await rollback.ExecuteNonQueryAsync(ct);
            return null;
        }
    }
}
