using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Observability;

/// <summary>
/// What system_health adds to the database probe: schema version, TimescaleDB capabilities (compression),
/// retention by load age, the active bundle, and the counters. Every part degrades to a warning on
/// its own; a missing schema does not hide the counters.
/// </summary>
public sealed class SystemStatus(ReadOnlySessionFactory sessions, QueryMetrics metrics, IOptions<DatabaseSettings> options, TableStorage tableStorage, ILogger<SystemStatus> logger, Catalog.SchemaStartup? startup = null)
{
    /// <summary>
    /// How long a health read right after start waits for the start-up migration, so a client that asks at once
    /// (a stdio client's first call) sees the migrated schema rather than a transient schema_missing.
    /// </summary>
    static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(20);

    public sealed record Report(
        SchemaReport? Schema,
        CompressionReport? Compression,
        RetentionReport Retention,
        ActiveBundleReport? ActiveBundle,
        IReadOnlyDictionary<string, object?> Counters,
        IReadOnlyList<string> Warnings)
    {
        public StorageReport? Storage { get; init; }
    }

    /// <summary>Per non-empty table: rows, bytes on disk, compressed fraction; and the totals (how they are measured in method).</summary>
    public sealed record StorageReport(
        [property: JsonPropertyName("tables")] IReadOnlyList<TableStorage.Table> Tables,
        [property: JsonPropertyName("totals")] TableStorage.Totals Totals);

    public sealed record SchemaReport(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("applied_at")] DateTimeOffset AppliedAt,
        [property: JsonPropertyName("groups")] int Groups,
        [property: JsonPropertyName("metrics")] int Metrics,
        [property: JsonPropertyName("time_bucket_source")] string TimeBucketSource,
        [property: JsonPropertyName("roles_detail")] string? RolesDetail);

    public sealed record CompressionReport(
        [property: JsonPropertyName("enabled")] bool Enabled,
        [property: JsonPropertyName("after_days")] int AfterDays,
        [property: JsonPropertyName("chunks")] long? Chunks,
        [property: JsonPropertyName("compressed_chunks")] long? CompressedChunks,
        [property: JsonPropertyName("detail")] string? Detail);

    public sealed record RetentionReport(
        [property: JsonPropertyName("policy")] string Policy,
        [property: JsonPropertyName("days")] int Days,
        [property: JsonPropertyName("bundles_loaded")] int? BundlesLoaded,
        [property: JsonPropertyName("oldest_loaded_at")] DateTimeOffset? OldestLoadedAt,
        [property: JsonPropertyName("bundles_past_retention")] int? BundlesPastRetention);

    public sealed record ActiveBundleReport(
        [property: JsonPropertyName("bundle_id")] string BundleId,
        [property: JsonPropertyName("host")] string Host,
        [property: JsonPropertyName("sptid")] string? Sptid,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("time_start")] DateTimeOffset? TimeStart,
        [property: JsonPropertyName("time_end")] DateTimeOffset? TimeEnd,
        [property: JsonPropertyName("rows_total")] long RowsTotal,
        [property: JsonPropertyName("loaded_at")] DateTimeOffset? LoadedAt);

    /// <summary>
    /// What a health read has found so far. Each part is stored as soon as it is read, so an answer cut off by
    /// system_health's deadline (a lock, a hung server) still reports the parts that came in and the counters.
    /// </summary>
    public sealed class Reading(DatabaseSettings settings, QueryMetrics metrics)
    {
        readonly Lock _gate = new();
        SchemaReport? _schema;
        CompressionReport? _compression;
        ActiveBundleReport? _active;
        StorageReport? _storage;
        int? _loaded, _past;
        DateTimeOffset? _oldest;
        long? _rowsTotal, _failedRuns;
        readonly List<string> _warnings = [];

        internal void Update(Action<Reading> set)
        {
            lock (_gate) set(this);
        }

        internal SchemaReport? Schema { set => _schema = value; }
        internal CompressionReport? Compression { set => _compression = value; }
        internal ActiveBundleReport? Active { set => _active = value; }
        internal StorageReport? Storage { set => _storage = value; }

        internal void Totals(int loaded, DateTimeOffset? oldest, int past, long rowsTotal) =>
            (_loaded, _oldest, _past, _rowsTotal) = (loaded, oldest, past, rowsTotal);

        internal long FailedRuns { set => _failedRuns = value; }

        internal void Warn(string warning)
        {
            if (!_warnings.Contains(warning)) _warnings.Add(warning);
        }

        /// <summary>What has been read until now (the reading may go on; the report is a copy).</summary>
        public Report Snapshot()
        {
            lock (_gate)
            {
                var counters = new Dictionary<string, object?>
                {
                    ["timescale_query_duration_ms_sum"] = Math.Round(metrics.DurationMsSum, 3),
                    ["timescale_query_errors_total"] = metrics.Errors,
                    ["timescale_queries_total"] = metrics.Queries,
                    // The ingest-side counters are OpenTelemetry instruments of the ingest process (meter PerfAspire.Ingest,
                    // on the Aspire dashboard); from here only their database footprint is visible.
                    ["timescale_ingest_batches_total"] = null,
                    ["timescale_ingest_batches_failed_total"] = null,
                    ["timescale_copy_duration_ms_sum"] = null,
                    ["timescale_rows_inserted_total"] = null,
                    ["timescale_schema_auto_creates_total"] = null,
                    ["timescale_schema_auto_create_errors_total"] = null,
                    ["ingest_counters_source"] = "ingest service meter PerfAspire.Ingest (Aspire dashboard); database totals below",
                    ["bundle_rows_total"] = _rowsTotal,
                    ["ingest_runs_failed"] = _failedRuns,
                };
                return new Report(_schema, _compression,
                    new RetentionReport("by load age (bundles unloaded TIMESCALE_RETENTION_DAYS after loaded_at; sample age never matters)", settings.RetentionDays, _loaded, _oldest, _past),
                    _active, counters, [.. _warnings])
                { Storage = _storage };
            }
        }
    }

    /// <summary>A reading to fill with <see cref="ReadAsync"/>.</summary>
    public Reading Start() => new(options.Value, metrics);

    /// <summary>Reads every part into <paramref name="into"/>; a cancelled read stops where it is.</summary>
    /// <param name="databaseReachable">false when the probe just found the database unreachable: then the start-up
    /// migration cannot finish either, and the report comes at once instead of after the wait.</param>
    public async Task ReadAsync(bool databaseReachable, Reading into, CancellationToken ct)
    {
        if (databaseReachable && startup?.ExecuteTask is { IsCompleted: false } migrating)
        {
            // Past the wait (a slow or unreachable database) the report says what is there now.
            await Task.WhenAny(migrating, Task.Delay(StartupWait, ct));
            ct.ThrowIfCancellationRequested();
        }
        var settings = options.Value;
        try
        {
            await using var session = await sessions.OpenAsync(ct);
            var caps = await DatabaseCapabilities.ReadAsync(session.Connection, sessions.Schema, ct);
            await using (var cmd = session.Command(StatusSql.SchemaVersion(sessions.Schema)))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                if (await r.ReadAsync(ct) && caps is not null)
                {
                    var schema = new SchemaReport(sessions.Schema, r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2), r.GetInt32(3), caps.TimeBucketSource, caps.RolesDetail);
                    into.Update(x => x.Schema = schema);
                }
            }
            if (caps is not null)
            {
                var (chunks, compressed, detail) = caps.TimescaleAvailable ? await ChunksAsync(session, ct) : (null, null, "TimescaleDB is not available: tables are plain PostgreSQL tables, nothing is compressed.");
                var compression = new CompressionReport(caps.CompressionEnabled, settings.CompressionAfterDays, chunks, compressed, detail);
                into.Update(x => x.Compression = compression);
                if (await tableStorage.ReadAsync(session, caps, ct) is { } st)
                {
                    var storage = new StorageReport(st.Tables.Where(t => t.Rows > 0 || t.Bytes > MinReportedBytes).ToList(), st.Totals);
                    into.Update(x => x.Storage = storage);
                }
            }
            await using (var cmd = session.Command(StatusSql.BundleTotals(sessions.Schema, settings.RetentionDays)))
            {
                await using var r = await cmd.ExecuteReaderAsync(ct);
                await r.ReadAsync(ct);
                var (loaded, oldest, past, rows) = ((int)r.GetInt64(0), r.IsDBNull(1) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(1), (int)r.GetInt64(2), r.GetInt64(3));
                into.Update(x => x.Totals(loaded, oldest, past, rows));
            }
            await using (var cmd = session.Command(StatusSql.FailedRuns(sessions.Schema)))
            {
                var failed = (long)(await cmd.ExecuteScalarAsync(ct))!;
                into.Update(x => x.FailedRuns = failed);
            }
            await using (var cmd = session.Command(StatusSql.ActiveBundle(sessions.Schema)))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                if (await r.ReadAsync(ct))
                {
                    var active = new ActiveBundleReport(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
                        r.GetInt64(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
                    into.Update(x => x.Active = active);
                }
                else
                {
                    into.Update(x => x.Warn(Bundles.BundleScope.NoActiveBundle));
                }
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedObject)
        {
            logger.LogInformation("system_health: schema not ready ({State}: {Message})", e.SqlState, e.MessageText);
            into.Update(x => x.Warn("schema_missing"));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            // The probe already reports the cause to the client; an unreachable database is a state, not a bug, so
            // the log gets the cause and no stack trace.
            logger.LogInformation("system_health: database read failed: {Cause}", PerfAspire.Schema.FailureCause.Describe(e));
        }
    }

    /// <summary>Empty tables (a few index pages) are left out of system_health's storage list.</summary>
    const long MinReportedBytes = 1 << 20;

    static async Task<(long?, long?, string?)> ChunksAsync(ReadOnlySession session, CancellationToken ct)
    {
        try
        {
            await using var cmd = session.Command(SessionSql.Savepoint("chunks"));
            await cmd.ExecuteNonQueryAsync(ct);
            await using var q = session.Command(StatusSql.Chunks(session.Schema));
            await using var r = await q.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return (r.GetInt64(0), r.GetInt64(1), null);
        }
        catch (PostgresException e)
        {
            await using var rollback = session.Command(SessionSql.RollbackTo("chunks"));
            await rollback.ExecuteNonQueryAsync(ct);
            return (null, null, $"chunk statistics unavailable ({e.SqlState})");
        }
    }
}
