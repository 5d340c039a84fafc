namespace PerfAspire.Mcp.Responses;

/// <summary>What a legacy/graph/analysis tool produced: the data, a one-line summary and optionally a PNG chart.</summary>
public sealed record ToolAnswer(object Body, string? Summary = null, byte[]? Png = null);
