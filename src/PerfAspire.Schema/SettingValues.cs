using System.Globalization;

namespace PerfAspire.Schema;

/// <summary>A setting whose value cannot be used: the message names the setting, the value and what it accepts.</summary>
public sealed class SettingsException(string message) : Exception(message);

/// <summary>
/// The documented environment variables and the configuration keys they stand for: the one place they are
/// mapped. Settings are read by key (<c>Database:BatchSize</c>); when the variable of that key
/// (<c>TIMESCALE_BATCH_SIZE</c>) is set, it wins, so the public names keep working wherever the settings are read.
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
    /// The value of a setting and the name it was given under: the environment variable when set (non-empty),
    /// else the configuration key. <paramref name="lookup"/> reads raw names (IConfiguration's indexer, where
    /// environment variables appear under their own names).
    /// </summary>
    public static (string Name, string? Text) Find(Func<string, string?> lookup, string key)
    {
        if (For(key) is { } variable && lookup(variable)?.Trim() is { Length: > 0 } set) return (variable, set);
        return (key, lookup(key)?.Trim());
    }
}

/// <summary>
/// Reads settings by configuration key (see <see cref="SettingVariables"/> for their environment variables).
/// Unset (or empty) means the default; a value that is set but cannot be read, or is out of range, stops the
/// service at start with a message naming the setting as it was given — never a silent fallback to the default.
/// </summary>
public static class SettingValues
{
    public static int Int(Func<string, string?> lookup, string key, int fallback, int min, int max) =>
        Read(lookup, key, fallback, t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null,
            $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static long Long(Func<string, string?> lookup, string key, long fallback, long min, long max = long.MaxValue) =>
        Read(lookup, key, fallback, t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null,
            max == long.MaxValue ? $"a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static double Double(Func<string, string?> lookup, string key, double fallback, double min, double max = double.MaxValue) =>
        Read(lookup, key, fallback, t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max ? v : null,
            max == double.MaxValue ? $"a number of at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static bool Bool(Func<string, string?> lookup, string key, bool fallback) =>
        Read(lookup, key, fallback, t => t.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => (bool?)null,
        }, "true or false");

    /// <summary>Free text (a path, a list): null when unset or empty.</summary>
    public static string? Text(Func<string, string?> lookup, string key) =>
        SettingVariables.Find(lookup, key).Text is { Length: > 0 } text ? text : null;

    /// <summary>A PostgreSQL identifier of ours: lower-case letters, digits and '_', not starting with a digit, at most 63 characters.</summary>
    public static string Identifier(Func<string, string?> lookup, string key, string fallback)
    {
        var (name, text) = SettingVariables.Find(lookup, key);
        if (string.IsNullOrEmpty(text)) return fallback;
        return text.Length <= 63 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsDigit(text[0])
            ? text
            : throw Invalid(name, text, "a lower-case identifier (letters a-z, digits, '_'; not starting with a digit; at most 63 characters)");
    }

    static T Read<T>(Func<string, string?> lookup, string key, T fallback, Func<string, T?> parse, string expected) where T : struct
    {
        var (name, text) = SettingVariables.Find(lookup, key);
        if (string.IsNullOrEmpty(text)) return fallback;
        return parse(text) ?? throw Invalid(name, text, expected);
    }

    static SettingsException Invalid(string name, string text, string expected) =>
        new($"{name}='{(text.Length > 80 ? text[..80] + "..." : text)}' is not valid: expected {expected}.");
}
