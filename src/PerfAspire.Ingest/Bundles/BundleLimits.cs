using PerfAspire.Schema;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Caps that keep a hostile bundle (decompression bomb, millions of members) from exhausting the machine.
/// Configuration section <c>Bundles</c> (environment: BUNDLE_MAX_UNCOMPRESSED_BYTES, BUNDLE_MAX_COMPRESSION_RATIO,
/// BUNDLE_RATIO_CHECK_AFTER_BYTES, BUNDLE_MAX_MEMBERS), read as part of <see cref="Loading.IngestSettings"/>.
/// </summary>
public sealed record BundleLimits
{
    public const string Section = "Bundles";

    /// <summary>Total bytes all decompressors of one bundle may produce (default 16 GiB).</summary>
    public long MaxUncompressedBytes { get; init; } = 16L << 30;

    /// <summary>Largest allowed ratio of produced to consumed bytes of one decompression stream (default 250).</summary>
    public double MaxCompressionRatio { get; init; } = 250;

    /// <summary>The ratio is judged only after a stream produced this much, so tiny repetitive files pass (default 64 MiB).</summary>
    public long RatioCheckAfterBytes { get; init; } = 64L << 20;

    /// <summary>Most archive members (all layers together) one bundle may list (default 200 000).</summary>
    public int MaxMembers { get; init; } = 200_000;

    /// <summary>The limits from a lookup of raw configuration names; a bad value throws <see cref="SettingsException"/>.</summary>
    public static BundleLimits Read(Func<string, string?> lookup)
    {
        var d = new BundleLimits();
        return new BundleLimits
        {
            MaxUncompressedBytes = SettingValues.Long(lookup, $"{Section}:MaxUncompressedBytes", d.MaxUncompressedBytes, 1),
            MaxCompressionRatio = SettingValues.Double(lookup, $"{Section}:MaxCompressionRatio", d.MaxCompressionRatio, 1),
            RatioCheckAfterBytes = SettingValues.Long(lookup, $"{Section}:RatioCheckAfterBytes", d.RatioCheckAfterBytes, 0),
            MaxMembers = SettingValues.Int(lookup, $"{Section}:MaxMembers", d.MaxMembers, 1, int.MaxValue),
        };
    }
}
