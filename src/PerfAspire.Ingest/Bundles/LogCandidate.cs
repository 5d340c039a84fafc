namespace PerfAspire.Ingest.Bundles;

/// <summary>A ptop log found in a bundle: its logical member path, the start time from its name, and its header.</summary>
public sealed record LogCandidate(string MemberPath, string FileName, DateTime StartUtc, bool Gzip, long Size)
{
    internal LogHeader? Header { get; init; }

    /// <summary>SHA-256 of the stored bytes (directory bundles only: the directory hash is built from it).</summary>
    public string? Sha256 { get; init; }
}
