using Microsoft.Extensions.Configuration;

namespace PerfAspire.ServiceDefaults.Settings;

/// <summary>
/// The documented environment variables and the configuration keys they stand for: the one place they are
/// mapped. Settings are bound by key (<c>Database:BatchSize</c>); when the variable of that key
/// (<c>TIMESCALE_BATCH_SIZE</c>) is set, it wins, so the public names keep working wherever settings are bound.
/// </summary>
public static class SettingVariables
{
    static readonly Dictionary<string, string> ByKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Database:Schema"] = "TIMESCALE_SCHEMA",
        ["Database:BatchSize"] = "TIMESCALE_BATCH_SIZE",
        ["Database:ChunkDays"] = "TIMESCALE_CHUNK_DAYS",
        ["Database:CompressionAfterDays"] = "TIMESCALE_COMPRESSION_AFTER_DAYS",
        ["Database:RetentionDays"] = "TIMESCALE_RETENTION_DAYS",
        ["Database:Columnstore"] = "TIMESCALE_COLUMNSTORE",
        ["Database:SchemaAutoUpdate"] = "SCHEMA_AUTO_UPDATE",
        ["Database:MigrateOnStart"] = "SCHEMA_MIGRATE_ON_START",
        ["Database:MaxTableColumns"] = "SCHEMA_MAX_TABLE_COLUMNS",
        ["Bundles:Roots"] = "BUNDLE_ROOTS",
        ["Bundles:MaxUncompressedBytes"] = "BUNDLE_MAX_UNCOMPRESSED_BYTES",
        ["Bundles:MaxCompressionRatio"] = "BUNDLE_MAX_COMPRESSION_RATIO",
        ["Bundles:RatioCheckAfterBytes"] = "BUNDLE_RATIO_CHECK_AFTER_BYTES",
        ["Bundles:MaxMembers"] = "BUNDLE_MAX_MEMBERS",
        ["Ingest:WorkDirectory"] = "INGEST_WORK_DIR",
        ["Ingest:CopyWriters"] = "INGEST_COPY_WRITERS",
        ["Ingest:CopyRetries"] = "INGEST_COPY_RETRIES",
        ["Ingest:RetryBaseMs"] = "INGEST_RETRY_BASE_MS",
        ["Ingest:MaxRejectedRatio"] = "INGEST_MAX_REJECTED_RATIO",
        ["Ingest:MaxBatchBytes"] = "INGEST_MAX_BATCH_BYTES",
        ["Ingest:MaxInFlightBytes"] = "INGEST_MAX_INFLIGHT_BYTES",
        ["Ingest:MaxOpenBytes"] = "INGEST_MAX_OPEN_BYTES",
        ["Ingest:RetentionCheckMinutes"] = "INGEST_RETENTION_CHECK_MINUTES",
        ["Ingest:MaxConcurrentLoads"] = "INGEST_MAX_CONCURRENT_LOADS",
        ["Ingest:MaxQueuedLoads"] = "INGEST_MAX_QUEUED_LOADS",
        ["Ingest:LoadTimeoutMinutes"] = "INGEST_LOAD_TIMEOUT_MINUTES",
        ["Ingest:LockWaitSeconds"] = "INGEST_LOCK_WAIT_SECONDS",
    };

    /// <summary>Every configuration key with its environment variable.</summary>
    public static IReadOnlyDictionary<string, string> Keys => ByKey;

    /// <summary>The environment variable standing for a configuration key, if it has one.</summary>
    public static string? For(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>
    /// The text of a setting (trimmed; empty means unset) and the name it was given under: the environment variable
    /// when set, else the configuration key. Environment variables appear in the configuration under their own names.
    /// </summary>
    public static (string Name, string? Text) Find(IConfiguration configuration, string key)
    {
        if (For(key) is { } variable && configuration[variable]?.Trim() is { Length: > 0 } set) return (variable, set);
        return (key, configuration[key]?.Trim() is { Length: > 0 } text ? text : null);
    }

    /// <summary>
    /// The configuration as settings are bound from it: each documented variable that is set stands under its key
    /// (winning over the key itself), values are trimmed and an empty value is unset. Reads go to
    /// <paramref name="configuration"/> when made, so sources added after this call are seen.
    /// </summary>
    public static IConfiguration Overlay(IConfiguration configuration) => new ConfigurationRoot([new OverlayProvider(configuration)]);

    sealed class OverlayProvider(IConfiguration raw) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            value = Find(raw, key).Text;
            return value is not null;
        }

        public override IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath)
        {
            var own = (parentPath is null ? raw.GetChildren() : raw.GetSection(parentPath).GetChildren()).Select(c => c.Key);
            var prefix = parentPath is null ? "" : parentPath + ConfigurationPath.KeyDelimiter;
            var mapped = ByKey
                .Where(p => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && raw[p.Value]?.Trim() is { Length: > 0 })
                .Select(p => p.Key[prefix.Length..].Split(ConfigurationPath.KeyDelimiter)[0]);
            return earlierKeys.Concat(own).Concat(mapped).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(k => k, ConfigurationKeyComparer.Instance);
        }
    }
}
