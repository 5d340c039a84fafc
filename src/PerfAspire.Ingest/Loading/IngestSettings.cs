using System.ComponentModel.DataAnnotations;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Schema;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Every knob of ingestion, configuration section <c>Ingest</c> plus <see cref="DatabaseSettings"/> (section
/// <c>Database</c>) and <see cref="BundleLimits"/> (section <c>Bundles</c>); each key also answers to its documented
/// environment variable (<c>INGEST_*</c>, <c>BUNDLE_*</c>, <c>TIMESCALE_*</c>, mapped in ServiceDefaults'
/// <c>SettingVariables</c>), bound as options by <see cref="IngestServices.AddIngestSettings"/>. Documented in docs/ingestion.md.
/// </summary>
public sealed record IngestSettings
{
    public const string Section = "Ingest";

    public DatabaseSettings Database { get; set; } = new();

    public BundleLimits Limits { get; set; } = new();

    /// <summary>BUNDLE_ROOTS: directories bundles may be loaded from (empty: any path while bound to loopback).</summary>
    public IReadOnlyList<string> BundleRoots { get; set; } = [];

    /// <summary>INGEST_WORK_DIR: where private work areas are created (default: the system temp directory).</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>INGEST_COPY_WRITERS: concurrent COPY connections per load (default 2, one table never uses two).</summary>
    [Range(1, 16)]
    public int CopyWriters { get; init; } = 2;

    /// <summary>INGEST_COPY_RETRIES: attempts after the first for a batch that failed on a connection/server error (default 6).</summary>
    [Range(0, 100)]
    public int CopyRetries { get; init; } = 6;

    /// <summary>INGEST_RETRY_BASE_MS: first backoff delay, doubled per attempt up to 5 s (default 200).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary><see cref="RetryBaseDelay"/> in milliseconds: the configuration key (RetryBaseMs).</summary>
    [Range(1, 60_000)]
    public int RetryBaseMs { get => (int)RetryBaseDelay.TotalMilliseconds; init => RetryBaseDelay = TimeSpan.FromMilliseconds(value); }

    /// <summary>INGEST_MAX_REJECTED_RATIO: rows the server rejects (after batch splitting) beyond this share fail the load (default 0.001).</summary>
    [Range(0d, 1d)]
    public double MaxRejectedRatio { get; init; } = 0.001;

    /// <summary>INGEST_MAX_BATCH_BYTES: a batch is also sealed at this size, whatever TIMESCALE_BATCH_SIZE says (default 8 MiB).</summary>
    [Range(64 << 10, 1 << 30)]
    public int MaxBatchBytes { get; init; } = 8 << 20;

    /// <summary>INGEST_MAX_INFLIGHT_BYTES: encoded bytes allowed to wait for the writers before the parser blocks (default 16 MiB).</summary>
    [Range(typeof(long), "1048576", "9223372036854775807", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public long MaxInFlightBytes { get; init; } = 16L << 20;

    /// <summary>
    /// INGEST_MAX_OPEN_BYTES: memory all tables' open (not yet sealed) batches may hold together before the largest is
    /// sealed early (default 32 MiB). With the in-flight bytes it bounds the data a load keeps in memory: measured on
    /// the large bundle into the columnstore, 64 + 32 MiB gave a peak RSS of 504 MiB, 32 + 16 MiB 370 MiB.
    /// </summary>
    [Range(typeof(long), "4194304", "9223372036854775807", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public long MaxOpenBytes { get; init; } = 32L << 20;

    /// <summary>INGEST_RETENTION_CHECK_MINUTES: how often the retention job looks for bundles older than TIMESCALE_RETENTION_DAYS (default 60).</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary><see cref="RetentionCheckInterval"/> in minutes: the configuration key (RetentionCheckMinutes).</summary>
    [Range(1, 7 * 24 * 60)]
    public int RetentionCheckMinutes { get => (int)RetentionCheckInterval.TotalMinutes; init => RetentionCheckInterval = TimeSpan.FromMinutes(value); }

    /// <summary>INGEST_MAX_CONCURRENT_LOADS: loads that run at once, each holding a lock connection and its COPY writers (default 2).</summary>
    [Range(1, 64)]
    public int MaxConcurrentLoads { get; init; } = 2;

    /// <summary>INGEST_MAX_QUEUED_LOADS: loads that may wait for a slot; beyond that a load is refused with 429 too_many_loads (default 8).</summary>
    [Range(0, 10_000)]
    public int MaxQueuedLoads { get; init; } = 8;

    /// <summary>INGEST_LOAD_TIMEOUT_MINUTES: wall-clock limit of one load once it runs; past it the load is cancelled and cleaned up (default 120).</summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromMinutes(120);

    /// <summary><see cref="LoadTimeout"/> in minutes: the configuration key (LoadTimeoutMinutes).</summary>
    [Range(1, 7 * 24 * 60)]
    public int LoadTimeoutMinutes { get => (int)LoadTimeout.TotalMinutes; init => LoadTimeout = TimeSpan.FromMinutes(value); }

    /// <summary>INGEST_LOCK_WAIT_SECONDS: longest a load waits for the lock of the same content (or a purge) before failing with bundle_busy (default 300).</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary><see cref="LockWait"/> in seconds: the configuration key (LockWaitSeconds).</summary>
    [Range(1, 24 * 3600)]
    public int LockWaitSeconds { get => (int)LockWait.TotalSeconds; init => LockWait = TimeSpan.FromSeconds(value); }

    /// <summary>
    /// Least rows per COPY into TimescaleDB's columnstore (TIMESCALE_BATCH_SIZE still applies when larger). Direct
    /// compress sorts each COPY's rows by segment and packs them into compressed batches, so a small COPY of a table
    /// with many series (TOP: ~1,500 processes) makes batches of a handful of rows that compress poorly; at this size
    /// they hold dozens, close to what compressing the whole chunk achieves. Tests lower it to get many batches.
    /// </summary>
    internal int ColumnstoreBatchRows { get; init; } = 100_000;

    /// <summary>Test seam: runs on writer <c>i</c> (connection application_name perfaspire-ingest-copy-i) before each batch (fault-injection tests kill connections here).</summary>
    internal Func<Writing.CopyBatch, int, CancellationToken, Task>? BeforeBatch { get; init; }
}
