using PerfAspire.Schema;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Caps that keep a hostile bundle (decompression bomb, millions of members) from exhausting the machine.
/// Environment: BUNDLE_MAX_UNCOMPRESSED_BYTES, BUNDLE_MAX_COMPRESSION_RATIO, BUNDLE_RATIO_CHECK_AFTER_BYTES,
/// BUNDLE_MAX_MEMBERS.
/// </summary>
public sealed record BundleLimits
{
    /// <summary>Total bytes all decompressors of one bundle may produce (default 16 GiB).</summary>
    public long MaxUncompressedBytes { get; init; } = 16L << 30;

    /// <summary>Largest allowed ratio of produced to consumed bytes of one decompression stream (default 250).</summary>
    public double MaxCompressionRatio { get; init; } = 250;

    /// <summary>The ratio is judged only after a stream produced this much, so tiny repetitive files pass (default 64 MiB).</summary>
    public long RatioCheckAfterBytes { get; init; } = 64L << 20;

    /// <summary>Most archive members (all layers together) one bundle may list (default 200 000).</summary>
    public int MaxMembers { get; init; } = 200_000;

    public static BundleLimits FromEnvironment(Func<string, string?>? lookup = null)
    {
        lookup ??= Environment.GetEnvironmentVariable;
        var d = new BundleLimits();
        return new BundleLimits
        {
            MaxUncompressedBytes = SettingValues.Long(lookup, "BUNDLE_MAX_UNCOMPRESSED_BYTES", d.MaxUncompressedBytes, 1),
            MaxCompressionRatio = SettingValues.Double(lookup, "BUNDLE_MAX_COMPRESSION_RATIO", d.MaxCompressionRatio, 1),
            RatioCheckAfterBytes = SettingValues.Long(lookup, "BUNDLE_RATIO_CHECK_AFTER_BYTES", d.RatioCheckAfterBytes, 0),
            MaxMembers = SettingValues.Int(lookup, "BUNDLE_MAX_MEMBERS", d.MaxMembers, 1, int.MaxValue),
        };
    }
}
