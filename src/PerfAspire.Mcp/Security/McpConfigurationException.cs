namespace PerfAspire.Mcp.Security;

/// <summary>A setting the MCP server refuses to start with. The message is one line that names the fix.</summary>
public sealed class McpConfigurationException(string message) : Exception(message);
