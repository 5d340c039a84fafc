namespace PerfAspire.Ingest.Client;

/// <summary>One bundle as listed by <c>GET /api/bundles</c> and <c>GET /api/bundles/active</c>.</summary>
public sealed record BundleInfo
{
    public required string BundleId { get; init; }
    public required string BundleHash { get; init; }
    public required string SourcePath { get; init; }
    public string? SourceKind { get; init; }
    public string? Sptid { get; init; }
    public required string Host { get; init; }
    public string? HostId { get; init; }
    public string? PtopVersion { get; init; }
    public int? SampleIntervalSeconds { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>loading, loaded, failed or unloading.</summary>
    public required string State { get; init; }
    public bool Active { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LoadedAt { get; init; }
    public DateTimeOffset? TimeStart { get; init; }
    public DateTimeOffset? TimeEnd { get; init; }
    public long RowsTotal { get; init; }
    public long ValuesTotal { get; init; }
    public int LogsProcessed { get; init; }
    public int? MaxFiles { get; init; }
    public string? Error { get; init; }
}

/// <summary><c>GET /api/bundles</c>.</summary>
public sealed record BundleList(IReadOnlyList<BundleInfo> Bundles, string? ActiveBundleId);

/// <summary><c>GET /api/bundles/active</c>: the active bundle or null, with <c>no_active_bundle</c> in warnings then.</summary>
public sealed record ActiveBundle(BundleInfo? Bundle, IReadOnlyList<string> Warnings);

/// <summary><c>POST /api/bundles/active</c> body.</summary>
public sealed record SwitchActiveRequest(string BundleId);

/// <summary>Result of unload (one bundle) or purge (all).</summary>
public sealed record UnloadResult(IReadOnlyList<string> Unloaded, long RowsDeleted, bool WasActive);

/// <summary>Every non-2xx answer of the API.</summary>
public sealed record ErrorResponse(string Error, string Message);
