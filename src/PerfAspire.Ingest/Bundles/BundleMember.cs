namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// One regular file of a bundle as the walker meets it. <see cref="Path"/> is logical: relative to the bundle,
/// with <c>!/</c> between an archive and its members (<c>inner.tar.gz!/var/log/ptop-20250628_1352.log</c>).
/// </summary>
internal sealed class BundleMember
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    /// <summary>Uncompressed size in bytes as the container states it, or -1.</summary>
    public long Size { get; init; } = -1;

    /// <summary>Opens the member's bytes; valid only during the visit callback. Not owned by the caller when the container streams.</summary>
    public required Func<Stream> Open { get; init; }

    /// <summary>Opens the member again later (a file on disk, an entry of a zip the walker keeps open), or null for streamed tar members.</summary>
    public Func<Stream>? Reopen { get; init; }
}
