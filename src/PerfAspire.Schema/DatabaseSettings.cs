using System.ComponentModel.DataAnnotations;

namespace PerfAspire.Schema;

/// <summary>
/// The database settings, configuration section <c>Database</c>; each key also answers to its documented
/// environment variable (<c>TIMESCALE_*</c>, <c>SCHEMA_*</c>, mapped in ServiceDefaults' <c>SettingVariables</c>).
/// Services get them as <c>IOptions&lt;DatabaseSettings&gt;</c>, bound and checked when the host starts.
/// </summary>
public sealed record DatabaseSettings
{
    public const string Section = "Database";

    /// <summary>Schema holding every object (TIMESCALE_SCHEMA, default perf).</summary>
    [LowerCaseIdentifier]
    public string Schema { get; init; } = "perf";

    /// <summary>Rows per COPY batch (TIMESCALE_BATCH_SIZE, default 1000).</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; init; } = 1000;

    /// <summary>Hypertable chunk interval in days (TIMESCALE_CHUNK_DAYS, default 1).</summary>
    [Range(1, 3650)]
    public int ChunkDays { get; init; } = 1;

    /// <summary>Compression policy age in days (TIMESCALE_COMPRESSION_AFTER_DAYS, default 7; Timescale only).</summary>
    [Range(0, 36500)]
    public int CompressionAfterDays { get; init; } = 7;

    /// <summary>Bundles older than this since loaded_at are unloaded (TIMESCALE_RETENTION_DAYS, default 30; by load age).</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; init; } = 30;

    /// <summary>
    /// On TimescaleDB, a load writes its rows into the columnstore (compressed chunks) and the bundle is marked
    /// loaded only once they are there (TIMESCALE_COLUMNSTORE, default true). No effect on plain PostgreSQL.
    /// </summary>
    public bool Columnstore { get; init; } = true;

    /// <summary>Create columns/views/catalog rows for metrics met at run time (SCHEMA_AUTO_UPDATE, default true).</summary>
    public bool SchemaAutoUpdate { get; init; } = true;

    /// <summary>
    /// Whether a service migrates the schema itself when it starts (SCHEMA_MIGRATE_ON_START, default true, so a
    /// service run on its own with only a DSN works). The AppHost sets false: its migrator resource has run the same
    /// migration before the services start.
    /// </summary>
    public bool MigrateOnStart { get; init; } = true;

    public const string MigrateOnStartSetting = "SCHEMA_MIGRATE_ON_START";

    /// <summary>
    /// Most columns a table may reach through SCHEMA_AUTO_UPDATE, counted in the database across every load
    /// (SCHEMA_MAX_TABLE_COLUMNS, default 1200): PostgreSQL refuses a table past 1,600 columns, dropped ones included,
    /// and a series of hostile bundles must not walk a table there.
    /// </summary>
    [Range(16, 1500)]
    public int MaxTableColumns { get; init; } = 1200;
}
