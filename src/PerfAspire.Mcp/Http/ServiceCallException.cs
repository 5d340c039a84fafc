namespace PerfAspire.Mcp.Http;

/// <summary>A sibling service (ingest, docs) answered with an error body or could not be reached.</summary>
public sealed class ServiceCallException(string service, string code, string message, IReadOnlyList<string>? suggestions = null, bool unreachable = false)
    : Exception(message)
{
    public string Service { get; } = service;
    public string Code { get; } = code;
    public IReadOnlyList<string>? Suggestions { get; } = suggestions;
    public bool Unreachable { get; } = unreachable;
}
