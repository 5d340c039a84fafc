using System.ComponentModel.DataAnnotations;

namespace PerfAspire.Mcp.Ingest;

/// <summary>How support_load_bundle follows a load job (configuration section <c>Mcp:Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Mcp:Ingest";

    /// <summary>Interval between job status polls (each one may send a progress notification).</summary>
    [Range(10, 60000, ErrorMessage = "Mcp:Ingest:PollMilliseconds must be between {1} and {2}.")]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>Longest a load call waits for its job by default before answering "still running".</summary>
    [Range(0, 86400, ErrorMessage = "Mcp:Ingest:DefaultWaitSeconds must be between {1} and {2}.")]
    public int DefaultWaitSeconds { get; set; } = 600;
}
