using Npgsql;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Database;

/// <summary>
/// The row of <c>database_capabilities</c> that <c>system_health</c> reports: TimescaleDB version (null when
/// the extension is unavailable, with the reason), whether compression is on, where <c>time_bucket</c> comes
/// from, and what happened to the roles.
/// </summary>
public sealed record DatabaseCapabilities(
    string? TimescaleVersion,
    string? TimescaleSchema,
    bool CompressionEnabled,
    string TimeBucketSource,
    string? TimescaleDetail,
    string? RolesDetail)
{
    public const string WarningTimescaleUnavailable = TimescaleCheck.UnavailableWarning;
    public const string WarningRolesSkipped = "roles_skipped";

    public bool TimescaleAvailable => TimescaleVersion is not null;

    /// <summary>
    /// Warning tokens for health output: <c>timescale_unavailable</c> when running on plain PostgreSQL,
    /// <c>timescale_not_preloaded</c> when the package is there but its loader is not preloaded.
    /// </summary>
    public IReadOnlyList<string> Warnings => TimescaleAvailable ? [] : [TimescaleCheck.WarningOf(TimescaleDetail)];

    /// <summary>Reads the recorded capabilities; null when the schema has not been migrated yet.</summary>
    public static async Task<DatabaseCapabilities?> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken ct = default)
    {
        var table = SqlIdentifier.Qualify(schema, SchemaObjectNames.DatabaseCapabilities);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = table });
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return null;
        }
        await using var cmd = new NpgsqlCommand(
            $"SELECT timescale_version, timescale_schema, compression_enabled, time_bucket_source, timescale_detail, roles_detail FROM {table} WHERE id", connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new DatabaseCapabilities(
            r.IsDBNull(0) ? null : r.GetString(0),
            r.IsDBNull(1) ? null : r.GetString(1),
            r.GetBoolean(2),
            r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5));
    }

    public static async Task<DatabaseCapabilities?> ReadAsync(NpgsqlDataSource dataSource, string schema, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadAsync(conn, schema, ct);
    }
}
