using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace PerfAspire.Tests.Mcp;

/// <summary>Calls a tool through the SDK client and parses the JSON text it returns.</summary>
public static class ToolCalls
{
    public static async Task<(JsonElement Body, bool IsError)> CallAsync(this McpClient client, string tool, object? args = null)
    {
        var dict = args is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(args))!;
        var result = await client.CallToolAsync(tool, dict);
        var text = Assert.Single(result.Content.OfType<TextContentBlock>()).Text;
        return (JsonDocument.Parse(text).RootElement.Clone(), result.IsError == true);
    }

    public static async Task<JsonElement> OkAsync(this McpClient client, string tool, object? args = null)
    {
        var (body, isError) = await client.CallAsync(tool, args);
        Assert.False(isError, $"{tool} failed: {body}");
        return body;
    }

    public static async Task<JsonElement> ErrorAsync(this McpClient client, string tool, object? args, string code)
    {
        var (body, isError) = await client.CallAsync(tool, args);
        Assert.True(isError, $"{tool} should have failed with {code}: {body}");
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        return body.GetProperty("error");
    }
}
