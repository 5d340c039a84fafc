namespace PerfAspire.Mcp.Bundles;

/// <summary>The one bundle a query is scoped to (a row of the lifecycle table <c>bundles</c>).</summary>
public sealed record BundleContext(
    string BundleId,
    string? Sptid,
    string Host,
    string State,
    bool Active,
    DateTimeOffset? TimeStart,
    DateTimeOffset? TimeEnd,
    int? SampleIntervalSeconds,
    DateTimeOffset? LoadedAt);
