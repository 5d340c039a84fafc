namespace PerfAspire.Ingest.Parsing;

/// <summary>What a ptop log says about itself (IDENT and ARGS lines). Missing IDENT: version and host id are <c>unknown</c>.</summary>
public sealed record PtopMetadata
{
    public const string Unknown = "unknown";

    /// <summary>Collector build from IDENT, e.g. <c>9.0.5-52728-5501324ffb0c</c>.</summary>
    public string PtopVersion { get; init; } = Unknown;

    /// <summary>Appliance id from IDENT, e.g. <c>564d4e1ab2f0</c>.</summary>
    public string HostId { get; init; } = Unknown;

    /// <summary>The ptop command line from ARGS, or null.</summary>
    public string? Args { get; init; }

    /// <summary>Sampling interval in seconds from <c>-d&lt;sec&gt;</c> in ARGS, or null when absent.</summary>
    public double? IntervalSeconds { get; init; }
}
