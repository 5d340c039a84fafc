using ModelContextProtocol;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// A failure the model can act on: a stable code (e.g. <c>metric_not_found</c>), a plain message, and
/// optionally the closest valid names and the next call to make. Derives from <see cref="McpException"/> so
/// that even a tool that lets it escape gets a readable error instead of the SDK's generic one.
/// </summary>
public sealed class ToolError(string code, string message, IReadOnlyList<string>? closest = null, string? next = null)
    : McpException(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<string>? Closest { get; } = closest;

    public string? Next { get; } = next;
}
