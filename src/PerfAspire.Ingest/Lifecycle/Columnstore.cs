using Npgsql;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Query;

namespace PerfAspire.Ingest.Lifecycle;

/// <summary>
/// Keeps loaded bundles in TimescaleDB's columnstore. A bundle never changes once loaded and is queried most in its
/// first days, exactly when an age-based compression policy would still leave it in the row store; so a load writes
/// its rows compressed (direct-compress COPY) and, before the bundle is marked loaded, compresses whatever of it is
/// still in the row store. Nothing here relies on TimescaleDB's background jobs: the policy is only a safety net.
/// Chunks are shared by every bundle whose samples fall in their time range; the compression settings segment by
/// bundle_id first, so compressing a chunk again touches only the segments that have new rows.
/// </summary>
public sealed class Columnstore(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>
    /// Whether loads here go to the columnstore: the schema runs on TimescaleDB with compression enabled and
    /// TIMESCALE_COLUMNSTORE is on.
    /// </summary>
    public static async Task<bool> EnabledAsync(NpgsqlDataSource dataSource, PerfAspire.Schema.DatabaseSettings settings, CancellationToken ct)
    {
        if (!settings.Columnstore) return false;
        var caps = await DatabaseCapabilities.ReadAsync(dataSource, settings.Schema, ct);
        return caps is { TimescaleAvailable: true, CompressionEnabled: true };
    }

    /// <summary>
    /// Compresses every chunk of <paramref name="tables"/> that holds rows of <paramref name="bundleId"/> in the row
    /// store. Returns the number of chunks compressed.
    /// </summary>
    public async Task<int> CompressBundleAsync(string bundleId, IEnumerable<string> tables, CancellationToken ct)
    {
        var compressed = 0;
        foreach (var table in tables)
        {
            foreach (var chunk in await ChunksWithRowStoreRowsAsync(table, bundleId, ct))
            {
                await using var cmd = dataSource.CreateCommand(ColumnstoreSql.CompressChunk);
                cmd.CommandTimeout = 0;
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk });
                await cmd.ExecuteNonQueryAsync(ct);
                compressed++;
            }
        }
        return compressed;
    }

    /// <summary>Rows of the bundle in <paramref name="tables"/>: all of them, and those still in the row store.</summary>
    public async Task<(long Rows, long RowStore)> RowsAsync(string bundleId, IEnumerable<string> tables, CancellationToken ct)
    {
        long rows = 0, rowStore = 0;
        foreach (var table in tables)
        {
            await using (var all = dataSource.CreateCommand(LifecycleSql.CountRows(schema, table)))
            {
                all.CommandTimeout = 0;
                all.Parameters.Add(new NpgsqlParameter { Value = bundleId });
                rows += (long)(await all.ExecuteScalarAsync(ct))!;
            }
            foreach (var chunk in await ChunksAsync(table, ct))
            {
                rowStore += await RowStoreRowsAsync(chunk, bundleId, exists: false, ct);
            }
        }
        return (rows, rowStore);
    }

    async Task<List<string>> ChunksWithRowStoreRowsAsync(string table, string bundleId, CancellationToken ct)
    {
        var list = new List<string>();
        foreach (var chunk in await ChunksAsync(table, ct))
        {
            if (await RowStoreRowsAsync(chunk, bundleId, exists: true, ct) > 0) list.Add(chunk);
        }
        return list;
    }

    /// <summary>The chunks of a hypertable (none for a plain table), as qualified names.</summary>
    async Task<List<string>> ChunksAsync(string table, CancellationToken ct)
    {
        await using (var has = dataSource.CreateCommand(ColumnstoreSql.ChunkViewExists))
        {
            if (!(bool)(await has.ExecuteScalarAsync(ct))!) return [];
        }
        await using var cmd = dataSource.CreateCommand(ColumnstoreSql.Chunks);
        cmd.Parameters.Add(new NpgsqlParameter { Value = schema });
        cmd.Parameters.Add(new NpgsqlParameter { Value = table });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>Rows of the bundle in the chunk's own heap, i.e. not compressed (<see cref="ColumnstoreSql.RowStoreRows"/>).</summary>
    async Task<long> RowStoreRowsAsync(string chunk, string bundleId, bool exists, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(ColumnstoreSql.RowStoreRows(chunk, exists));
        cmd.CommandTimeout = 0;
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
