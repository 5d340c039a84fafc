using System.ComponentModel.DataAnnotations;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Caps that keep a hostile bundle (decompression bomb, millions of members) from exhausting the machine.
/// Configuration section <c>Bundles</c> (environment: BUNDLE_MAX_UNCOMPRESSED_BYTES, BUNDLE_MAX_COMPRESSION_RATIO,
/// BUNDLE_RATIO_CHECK_AFTER_BYTES, BUNDLE_MAX_MEMBERS), bound as options and part of <see cref="Loading.IngestSettings"/>.
/// </summary>
public sealed record BundleLimits
{
    public const string Section = "Bundles";

    /// <summary>Total bytes all decompressors of one bundle may produce (default 16 GiB).</summary>
    [Range(typeof(long), "1", "9223372036854775807", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public long MaxUncompressedBytes { get; init; } = 16L << 30;

    /// <summary>Largest allowed ratio of produced to consumed bytes of one decompression stream (default 250).</summary>
    [Range(1d, double.MaxValue)]
    public double MaxCompressionRatio { get; init; } = 250;

    /// <summary>The ratio is judged only after a stream produced this much, so tiny repetitive files pass (default 64 MiB).</summary>
    [Range(typeof(long), "0", "9223372036854775807", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public long RatioCheckAfterBytes { get; init; } = 64L << 20;

    /// <summary>Most archive members (all layers together) one bundle may list (default 200 000).</summary>
    [Range(1, int.MaxValue)]
    public int MaxMembers { get; init; } = 200_000;
}
