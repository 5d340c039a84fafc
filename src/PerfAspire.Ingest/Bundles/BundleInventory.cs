namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// What discovery learned about a bundle before anything is ingested: its identity (hash, sptid, host, collector)
/// and the logs to ingest, oldest first.
/// </summary>
public sealed record BundleInventory
{
    public required string Path { get; init; }

    public required BundleKind Kind { get; init; }

    /// <summary>SHA-256 (hex) of the archive/log bytes, or of the sorted (path, size, sha256) list of a directory's logs.</summary>
    public required string Hash { get; init; }

    public string? Sptid { get; init; }

    /// <summary>From the <c>sb_&lt;host&gt;_</c> name, else IDENT's host_id, else <c>unknown</c>.</summary>
    public required string Host { get; init; }

    public string? HostId { get; init; }

    public string? PtopVersion { get; init; }

    public string? Args { get; init; }

    public int? SampleIntervalSeconds { get; init; }

    /// <summary>Every well-named log found.</summary>
    public required IReadOnlyList<LogCandidate> Candidates { get; init; }

    /// <summary>The newest max_files logs, in ingestion order (oldest first).</summary>
    public required IReadOnlyList<LogCandidate> Selected { get; init; }

    public long SelectedBytes
    {
        get
        {
            long total = 0;
            foreach (var c in Selected) total += Math.Max(0, c.Size);
            return total;
        }
    }
}
