using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Database;

/// <summary>
/// Brings a database to the schema generated from the spec. Runs at start-up of whichever service comes
/// first: one transaction under an advisory lock (so concurrent starters queue and the later ones find the
/// schema current), idempotent, upgrade-in-place, never drops anything. Looks at the server first
/// (<see cref="TimescaleCheck"/>) and creates the extension only when its package is installed and its loader
/// preloaded; otherwise it creates the same schema on plain PostgreSQL and records <c>timescale_unavailable</c>
/// or <c>timescale_not_preloaded</c> with the fix. A connection the server drops on the way is replaced by a
/// new one and the migration starts over (it is one transaction, so nothing half-done stays behind).
/// </summary>
public static class SchemaMigrator
{
    public static async Task<MigrationResult> MigrateAsync(string connectionString, DatabaseSettings settings, CancellationToken ct = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Normalize(connectionString));
        return await MigrateAsync(dataSource, settings, new MigrationOptions(), ct);
    }

    public static Task<MigrationResult> MigrateAsync(NpgsqlDataSource dataSource, DatabaseSettings settings, CancellationToken ct = default) =>
        MigrateAsync(dataSource, settings, new MigrationOptions(), ct);

    public static async Task<MigrationResult> MigrateAsync(NpgsqlDataSource dataSource, DatabaseSettings settings, MigrationOptions options, CancellationToken ct = default)
    {
        // A dropped connection is replaced by a new one and the migration starts over (twice at most): it is one
        // transaction, so nothing half-done stays behind.
        const int retries = 2;
        var pipeline = DatabaseRetry.Pipeline(retries, TimeSpan.Zero, IsConnectionLost, (e, retry) =>
            options.Logger?.LogWarning("The database connection failed or was lost during schema migration ({Error}); retrying on a new connection ({Attempt}/{Attempts}).",
                e.Message, retry + 1, retries + 1));
        return await pipeline.ExecuteAsync(async token => await MigrateOnceAsync(dataSource, settings, options, token), ct);
    }

    /// <summary>
    /// True for failures that end the connection rather than the statement: a FATAL from the server, a broken
    /// socket, or a command on a connection that is already closed.
    /// </summary>
    internal static bool IsConnectionLost(Exception e) => e switch
    {
        PostgresException pg => pg.Severity is "FATAL" or "PANIC" || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState == "57P01",
        NpgsqlException { InnerException: System.IO.IOException or System.Net.Sockets.SocketException or EndOfStreamException } => true,
        NpgsqlException n => n.IsTransient,
        InvalidOperationException => e.Message.Contains("Connection is not open", StringComparison.Ordinal) || e.Message.Contains("broken", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    static async Task<MigrationResult> MigrateOnceAsync(NpgsqlDataSource dataSource, DatabaseSettings settings, MigrationOptions options, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var spec = options.Spec ?? SchemaSpec.Default;
        var schema = settings.Schema;
        var warnings = new List<string>();
        var notes = new List<string>();

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecAsync(conn, "SELECT pg_advisory_xact_lock($1)", ct, SchemaLock.KeyFor(schema));

        var (tsVersion, tsSchema, tsDetail) = await EnsureTimescaleAsync(conn, ct);
        var timescale = tsVersion is not null;
        if (!timescale)
        {
            var warning = TimescaleCheck.WarningOf(tsDetail);
            warnings.Add(warning);
            notes.Add($"TimescaleDB is not available ({tsDetail}); the schema runs on plain PostgreSQL: ordinary tables with the same indexes, no compression, time_bucket defined with date_bin.");
            if (warning == TimescaleCheck.NotPreloadedWarning)
                options.Logger?.LogWarning("{Detail}", tsDetail);
            else
                options.Logger?.LogWarning("timescale_unavailable: TimescaleDB is not available ({Detail}). Running on plain PostgreSQL (no hypertables, no compression; time_bucket via date_bin).", tsDetail);
        }

        var script = SchemaScript.Generate(spec, SchemaScriptOptions.From(settings, timescale));
        var hash = SchemaScript.Sha256(script);
        var (currentVersion, currentHash) = await CurrentVersionAsync(conn, schema, ct);

        var applied = false;
        var version = currentVersion;
        if (options.Force || currentHash != hash)
        {
            await ExecAsync(conn, script, ct);
            version = currentVersion + 1;
            await ExecAsync(conn,
                $"INSERT INTO {SqlIdentifier.Qualify(schema, SchemaObjectNames.SchemaVersion)} (version, generator_version, script_sha256, timescale, group_count, metric_count) VALUES ($1, $2, $3, $4, $5, $6)",
                ct, version, SchemaScript.GeneratorVersion, hash, timescale, spec.Groups.Count, spec.Metrics.Count());
            applied = true;
        }

        var rolesDetail = await SchemaRoleSetup.ApplyAsync(conn, schema, ct);
        if (rolesDetail is not null)
        {
            warnings.Add(DatabaseCapabilities.WarningRolesSkipped);
            notes.Add(rolesDetail);
            options.Logger?.LogWarning("roles_skipped: {Detail}", rolesDetail);
        }

        var caps = new DatabaseCapabilities(tsVersion, tsSchema, timescale, timescale ? "timescaledb" : "date_bin", tsDetail, rolesDetail);
        await WriteCapabilitiesAsync(conn, schema, caps, ct);
        await tx.CommitAsync(ct);

        options.Logger?.LogInformation(
            "Schema {Schema} {Action} (version {Version}, {Groups} groups, {Metrics} metrics, {Mode}) in {Ms} ms",
            schema, applied ? "migrated" : "already current", version, spec.Groups.Count, spec.Metrics.Count(),
            timescale ? $"TimescaleDB {tsVersion}" : "plain PostgreSQL", started.ElapsedMilliseconds);
        return new MigrationResult(applied, version, caps, warnings, notes, spec.Groups.Count, spec.Metrics.Count(), hash, started.Elapsed);
    }

    /// <summary>
    /// Uses the extension when the server can run it; creates it (inside a savepoint, so a refusal leaves the
    /// transaction usable) only when its package is installed and its loader preloaded.
    /// </summary>
    static async Task<(string? Version, string? Schema, string? Detail)> EnsureTimescaleAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var check = await TimescaleCheck.ReadAsync(conn, ct);
        if (!check.Usable) return (null, null, check.Detail);

        string? detail = null;
        if (check.InstalledVersion is null)
        {
            await ExecAsync(conn, SessionSql.Savepoint("perfaspire_timescale"), ct);
            try
            {
                await ExecAsync(conn, "CREATE EXTENSION IF NOT EXISTS timescaledb", ct);
                await ExecAsync(conn, SessionSql.Release("perfaspire_timescale"), ct);
            }
            catch (PostgresException e) when (!IsConnectionLost(e))
            {
                await ExecAsync(conn, SessionSql.RollbackTo("perfaspire_timescale"), ct);
                detail = $"{e.SqlState}: {e.MessageText}";
            }
        }

        await using var cmd = new NpgsqlCommand(
            "SELECT e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'timescaledb'", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (await r.ReadAsync(ct)) return (r.GetString(0), r.GetString(1), null);
        return (null, null, detail ?? "extension not installed");
    }

    static async Task<(int Version, string? Hash)> CurrentVersionAsync(NpgsqlConnection conn, string schema, CancellationToken ct)
    {
        var table = SqlIdentifier.Qualify(schema, SchemaObjectNames.SchemaVersion);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = table });
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return (0, null);
        }
        await using var cmd = new NpgsqlCommand($"SELECT version, script_sha256 FROM {table} ORDER BY version DESC LIMIT 1", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1)) : (0, null);
    }

    static Task WriteCapabilitiesAsync(NpgsqlConnection conn, string schema, DatabaseCapabilities c, CancellationToken ct) => ExecAsync(conn, $"""
        INSERT INTO {SqlIdentifier.Qualify(schema, SchemaObjectNames.DatabaseCapabilities)} AS c
          (id, timescale_version, timescale_schema, compression_enabled, time_bucket_source, timescale_detail, roles_detail)
        VALUES (true, $1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO UPDATE SET
          timescale_version = EXCLUDED.timescale_version, timescale_schema = EXCLUDED.timescale_schema,
          compression_enabled = EXCLUDED.compression_enabled, time_bucket_source = EXCLUDED.time_bucket_source,
          timescale_detail = EXCLUDED.timescale_detail, roles_detail = EXCLUDED.roles_detail, updated_at = now()
        WHERE (c.timescale_version, c.timescale_schema, c.compression_enabled, c.time_bucket_source, c.timescale_detail, c.roles_detail)
          IS DISTINCT FROM (EXCLUDED.timescale_version, EXCLUDED.timescale_schema, EXCLUDED.compression_enabled, EXCLUDED.time_bucket_source, EXCLUDED.timescale_detail, EXCLUDED.roles_detail)
        """, ct, (object?)c.TimescaleVersion ?? DBNull.Value, (object?)c.TimescaleSchema ?? DBNull.Value, c.CompressionEnabled, c.TimeBucketSource,
        (object?)c.TimescaleDetail ?? DBNull.Value, (object?)c.RolesDetail ?? DBNull.Value);

    internal static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
