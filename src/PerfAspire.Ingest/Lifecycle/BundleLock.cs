using System.Globalization;
using Npgsql;
using PerfAspire.Schema.Query;

namespace PerfAspire.Ingest.Lifecycle;

/// <summary>
/// A PostgreSQL session advisory lock on a bundle's content hash, held on its own connection for the whole of a
/// load: two loads of the same content — in one process or two — serialise on it, so the second finds the first's
/// bundle and reuses it. The lock dies with its session, so a crashed loader never blocks anyone.
/// </summary>
public sealed class BundleLock : IAsyncDisposable
{
    readonly NpgsqlConnection _conn;
    readonly long _key;

    BundleLock(NpgsqlConnection conn, long key)
    {
        _conn = conn;
        _key = key;
    }

    /// <summary>Loads hold this key shared, purge_all exclusively: a purge never runs under a load.</summary>
    public const long PurgeKey = 0x5045_5246_5055_5247; // "PERFPURG"

    public static long KeyOf(string hash) =>
        unchecked((long)ulong.Parse(hash.AsSpan(0, 16), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>
    /// Waits for the lock, at most <paramref name="maxWait"/> (PostgreSQL's lock_timeout applies to advisory locks
    /// too): past it the load fails with bundle_busy instead of holding its connection indefinitely.
    /// <paramref name="onWait"/> runs once if another session holds it.
    /// </summary>
    public static async Task<BundleLock> AcquireAsync(string connectionString, string hash, Action? onWait, TimeSpan maxWait, CancellationToken ct)
    {
        var key = KeyOf(hash);
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0, ApplicationName = "perfaspire-ingest-lock" }.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            await using (var limit = new NpgsqlCommand(SessionSql.LockTimeout((long)Math.Max(1, maxWait.TotalMilliseconds)), conn))
            {
                await limit.ExecuteNonQueryAsync(ct);
            }
            await using (var shared = new NpgsqlCommand(SessionSql.LockShared(PurgeKey), conn))
            {
                await shared.ExecuteNonQueryAsync(ct);
            }
            await using (var tryCmd = new NpgsqlCommand(SessionSql.TryLock, conn))
            {
                tryCmd.Parameters.Add(new NpgsqlParameter { Value = key });
                if ((bool)(await tryCmd.ExecuteScalarAsync(ct))!) return new BundleLock(conn, key);
            }
            onWait?.Invoke();
            await using (var cmd = new NpgsqlCommand(SessionSql.Lock, conn))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = key });
                await cmd.ExecuteNonQueryAsync(ct);
            }
            return new BundleLock(conn, key);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await conn.DisposeAsync();
            throw new IngestException(IngestErrors.BundleBusy,
                $"bundle_busy: another load of the same content, or a purge, held the lock for more than {maxWait.TotalSeconds:0} s (INGEST_LOCK_WAIT_SECONDS); retry when it has finished (support_ingest_status shows the running jobs)", 409, e);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>The lock of <paramref name="hash"/> if nobody holds it, else null (unload of a bundle being loaded).</summary>
    public static async Task<BundleLock?> TryAcquireAsync(string connectionString, string hash, CancellationToken ct) =>
        await TryKeyAsync(connectionString, KeyOf(hash), ct);

    /// <summary>The exclusive purge lock if no load runs, else null.</summary>
    public static Task<BundleLock?> TryAcquirePurgeAsync(string connectionString, CancellationToken ct) => TryKeyAsync(connectionString, PurgeKey, ct);

    static async Task<BundleLock?> TryKeyAsync(string connectionString, long key, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0, ApplicationName = "perfaspire-ingest-lock" }.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(SessionSql.TryLock, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = key });
            if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return new BundleLock(conn, key);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        await conn.DisposeAsync();
        return null;
    }

    /// <summary>True when nobody holds the lock of <paramref name="hash"/> (a 'loading' bundle with a free lock is stale).</summary>
    public static async Task<bool> IsFreeAsync(NpgsqlDataSource dataSource, string hash, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(SessionSql.TryLock, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = KeyOf(hash) });
        var got = (bool)(await cmd.ExecuteScalarAsync(ct))!;
        if (got)
        {
            await using var unlock = new NpgsqlCommand(SessionSql.Unlock, conn);
            unlock.Parameters.Add(new NpgsqlParameter { Value = KeyOf(hash) });
            await unlock.ExecuteNonQueryAsync(ct);
        }
        return got;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_conn.State == System.Data.ConnectionState.Open)
            {
                await using var cmd = new NpgsqlCommand(SessionSql.Unlock, _conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = _key });
                await cmd.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // Closing the session releases the lock anyway.
        }
        await _conn.DisposeAsync();
    }
}
