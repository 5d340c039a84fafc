namespace PerfAspire.Ingest.Client;

/// <summary>The result of a load, returned by the API and the CLI and stored with the bundle.</summary>
public sealed record LoadSummary
{
    public required string BundleId { get; init; }
    public required string BundleHash { get; init; }
    public string? Sptid { get; init; }
    public required string Host { get; init; }
    public string? HostId { get; init; }
    public string? PtopVersion { get; init; }
    public int? SampleIntervalSeconds { get; init; }
    public required string SourcePath { get; init; }

    /// <summary>directory, tar.gz, tar, zip, log or log.gz.</summary>
    public required string SourceKind { get; init; }

    /// <summary>loaded or failed.</summary>
    public required string State { get; init; }

    /// <summary>True when nothing was ingested because the same content already covered the request.</summary>
    public bool Reused { get; init; }

    /// <summary>Categories the bundle holds after this load.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Categories this load ingested (empty when reused).</summary>
    public IReadOnlyList<string> CategoriesIngested { get; init; } = [];

    public int LogsProcessed { get; init; }
    public IReadOnlyList<LoadedFile> Files { get; init; } = [];
    public MetricsIngested MetricsIngested { get; init; } = new(0, 0);
    public long TextRecords { get; init; }
    public DateTimeOffset? TimeStart { get; init; }
    public DateTimeOffset? TimeEnd { get; init; }
    public IReadOnlyDictionary<string, long> RowsPerTable { get; init; } = new Dictionary<string, long>();
    public LineIssues Malformed { get; init; } = LineIssues.None;
    public LineIssues Unknown { get; init; } = LineIssues.None;

    /// <summary>Rows the database refused after batch splitting (counted, never silently lost).</summary>
    public long RowsRejected { get; init; }
    public IReadOnlyList<string> RejectedSamples { get; init; } = [];

    /// <summary>Batch attempts retried after connection or server errors.</summary>
    public long Retries { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public double DurationSeconds { get; init; }
    public double RowsPerSecond { get; init; }
    public DateTimeOffset? LoadedAt { get; init; }
    public string? Error { get; init; }
}

/// <summary>Typed rows written to the metric tables and the non-null metric values they carry.</summary>
public sealed record MetricsIngested(long Rows, long Values);

/// <summary>One ingested log file.</summary>
public sealed record LoadedFile(string MemberPath, string FileName, DateTimeOffset FileTime, long Lines, long Rows, long TextRecords,
    long MalformedLines, long OrphanLines, string? StreamError);

/// <summary>Malformed lines or unknown prefixes/keys: total, per prefix (or token) and a few samples.</summary>
public sealed record LineIssues(long Count, IReadOnlyDictionary<string, long> ByPrefix, IReadOnlyList<string> Samples)
{
    public static LineIssues None { get; } = new(0, new Dictionary<string, long>(), []);
}
