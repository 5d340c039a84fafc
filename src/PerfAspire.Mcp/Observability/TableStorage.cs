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

    /// <summary>Reads the figures in its own read-only session; null when the schema is not there or a read is refused.</summary>
    public async Task<Report?> ReadAsync(CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        return await ReadAsync(session, logger, ct);
    }

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
        var caps = await DatabaseCapabilities.ReadAsync(session.Connection, session.Schema, ct);
        if (caps is null) return null;
        return await GuardedAsync(session, StorageSql.BundleBytes(session.Schema, caps.TimescaleAvailable), logger, async r =>
        {
            var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
            while (await r.ReadAsync(ct)) bytes[r.GetString(0)] = r.IsDBNull(1) ? 0 : r.GetInt64(1);
            return bytes;
        }, ct);
    }

    public static async Task<Report?> ReadAsync(ReadOnlySession session, ILogger logger, CancellationToken ct)
    {
        var caps = await DatabaseCapabilities.ReadAsync(session.Connection, session.Schema, ct);
        if (caps is null) return null;
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
        await using (var sp = session.Command("SAVEPOINT storage")) await sp.ExecuteNonQueryAsync(ct);
        try
        {
            await using var cmd = session.Command(query);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            return await read(r);
        }
        catch (PostgresException e)
        {
            logger.LogWarning("storage figures unavailable ({State}: {Message})", e.SqlState, e.MessageText);
            await using var rollback = session.Command("ROLLBACK TO SAVEPOINT storage");
            await rollback.ExecuteNonQueryAsync(ct);
            return null;
        }
    }
}
