namespace PerfAspire.Ingest.Client;

/// <summary>
/// A load is a job: <c>POST /api/bundles/load</c> returns it (202), <c>GET /api/bundles/jobs/{job_id}</c> polls it.
/// <c>state</c>: queued, running, succeeded, failed, cancelled (on request). <c>summary</c> is set when succeeded (and for failures after
/// ingestion started), <c>error</c>/<c>error_code</c> when failed.
/// </summary>
public sealed record LoadJobStatus
{
    public required string JobId { get; init; }
    public required string State { get; init; }
    public required LoadRequest Request { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? BundleId { get; init; }
    public LoadProgress? Progress { get; init; }
    public LoadSummary? Summary { get; init; }
    public string? ErrorCode { get; init; }
    public string? Error { get; init; }
}

/// <summary>
/// Live progress of a load. <c>phase</c>: queued, discovering, waiting_for_lock, ingesting, compressing (TimescaleDB columnstore), finishing, done.
/// <c>fraction</c> (0..1) and <c>eta_seconds</c> are judged from the bytes of the selected logs.
/// </summary>
public sealed record LoadProgress
{
    public string Phase { get; init; } = "queued";
    public int FileIndex { get; init; }
    public int FileCount { get; init; }
    public string? FileName { get; init; }
    public long Lines { get; init; }
    public long RowsParsed { get; init; }
    public long RowsWritten { get; init; }
    public long BytesRead { get; init; }
    public long BytesTotal { get; init; }
    public double RowsPerSecond { get; init; }
    public double Fraction { get; init; }
    public double? EtaSeconds { get; init; }
    public double ElapsedSeconds { get; init; }
}
