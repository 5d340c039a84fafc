using System.Globalization;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Schema;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Every knob of ingestion. Database ones are the public TIMESCALE_* settings (<see cref="DatabaseSettings"/>);
/// the rest are ours and documented in docs/ingestion.md.
/// </summary>
public sealed record IngestSettings
{
    public DatabaseSettings Database { get; init; } = new();

    public BundleLimits Limits { get; init; } = new();

    /// <summary>BUNDLE_ROOTS: directories bundles may be loaded from (empty: any path while bound to loopback).</summary>
    public IReadOnlyList<string> BundleRoots { get; init; } = [];

    /// <summary>INGEST_WORK_DIR: where private work areas are created (default: the system temp directory).</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>INGEST_COPY_WRITERS: concurrent COPY connections per load (default 2, one table never uses two).</summary>
    public int CopyWriters { get; init; } = 2;

    /// <summary>INGEST_COPY_RETRIES: attempts after the first for a batch that failed on a connection/server error (default 6).</summary>
    public int CopyRetries { get; init; } = 6;

    /// <summary>INGEST_RETRY_BASE_MS: first backoff delay, doubled per attempt up to 5 s (default 200).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>INGEST_MAX_REJECTED_RATIO: rows the server rejects (after batch splitting) beyond this share fail the load (default 0.001).</summary>
    public double MaxRejectedRatio { get; init; } = 0.001;

    /// <summary>INGEST_MAX_BATCH_BYTES: a batch is also sealed at this size, whatever TIMESCALE_BATCH_SIZE says (default 8 MiB).</summary>
    public int MaxBatchBytes { get; init; } = 8 << 20;

    /// <summary>INGEST_MAX_INFLIGHT_BYTES: encoded bytes allowed to wait for the writers before the parser blocks (default 32 MiB).</summary>
    public long MaxInFlightBytes { get; init; } = 32L << 20;

    /// <summary>INGEST_RETENTION_CHECK_MINUTES: how often the retention job looks for bundles older than TIMESCALE_RETENTION_DAYS (default 60).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>INGEST_MAX_CONCURRENT_LOADS: loads that run at once, each holding a lock connection and its COPY writers (default 2).</summary>
    public int MaxConcurrentLoads { get; init; } = 2;

    /// <summary>INGEST_MAX_QUEUED_LOADS: loads that may wait for a slot; beyond that a load is refused with 429 too_many_loads (default 8).</summary>
    public int MaxQueuedLoads { get; init; } = 8;

    /// <summary>INGEST_LOAD_TIMEOUT_MINUTES: wall-clock limit of one load once it runs; past it the load is cancelled and cleaned up (default 120).</summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromMinutes(120);

    /// <summary>INGEST_LOCK_WAIT_SECONDS: longest a load waits for the lock of the same content (or a purge) before failing with bundle_busy (default 300).</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Least rows per COPY into TimescaleDB's columnstore (TIMESCALE_BATCH_SIZE still applies when larger). Direct
    /// compress sorts each COPY's rows by segment and packs them into compressed batches, so a small COPY of a table
    /// with many series (TOP: ~1,500 processes) makes batches of a handful of rows that compress poorly; at this size
    /// they hold dozens, close to what compressing the whole chunk achieves. Tests lower it to get many batches.
    /// </summary>
    internal int ColumnstoreBatchRows { get; init; } = 100_000;

    /// <summary>Test seam: runs on writer <c>i</c> (connection application_name perfaspire-ingest-copy-i) before each batch (fault-injection tests kill connections here).</summary>
    internal Func<Writing.CopyBatch, int, CancellationToken, Task>? BeforeBatch { get; init; }

    /// <summary>The settings from the environment (or a lookup of the same names); a bad value throws <see cref="SettingsException"/>.</summary>
    public static IngestSettings FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var d = new IngestSettings();
        return new IngestSettings
        {
            Database = DatabaseSettings.FromEnvironment(lookup),
            Limits = BundleLimits.FromEnvironment(lookup),
            BundleRoots = BundlePathPolicy.ParseRoots(lookup("BUNDLE_ROOTS")),
            WorkDirectory = lookup("INGEST_WORK_DIR") is { Length: > 0 } w ? w : null,
            CopyWriters = SettingValues.Int(lookup, "INGEST_COPY_WRITERS", d.CopyWriters, 1, 16),
            CopyRetries = SettingValues.Int(lookup, "INGEST_COPY_RETRIES", d.CopyRetries, 0, 100),
            RetryBaseDelay = TimeSpan.FromMilliseconds(SettingValues.Int(lookup, "INGEST_RETRY_BASE_MS", (int)d.RetryBaseDelay.TotalMilliseconds, 1, 60_000)),
            MaxRejectedRatio = SettingValues.Double(lookup, "INGEST_MAX_REJECTED_RATIO", d.MaxRejectedRatio, 0, 1),
            MaxBatchBytes = SettingValues.Int(lookup, "INGEST_MAX_BATCH_BYTES", d.MaxBatchBytes, 64 << 10, 1 << 30),
            MaxInFlightBytes = SettingValues.Long(lookup, "INGEST_MAX_INFLIGHT_BYTES", d.MaxInFlightBytes, 1 << 20),
            RetentionCheckInterval = TimeSpan.FromMinutes(SettingValues.Int(lookup, "INGEST_RETENTION_CHECK_MINUTES", 60, 1, 7 * 24 * 60)),
            MaxConcurrentLoads = SettingValues.Int(lookup, "INGEST_MAX_CONCURRENT_LOADS", d.MaxConcurrentLoads, 1, 64),
            MaxQueuedLoads = SettingValues.Int(lookup, "INGEST_MAX_QUEUED_LOADS", d.MaxQueuedLoads, 0, 10_000),
            LoadTimeout = TimeSpan.FromMinutes(SettingValues.Int(lookup, "INGEST_LOAD_TIMEOUT_MINUTES", (int)d.LoadTimeout.TotalMinutes, 1, 7 * 24 * 60)),
            LockWait = TimeSpan.FromSeconds(SettingValues.Int(lookup, "INGEST_LOCK_WAIT_SECONDS", (int)d.LockWait.TotalSeconds, 1, 24 * 3600)),
        };
    }
}
