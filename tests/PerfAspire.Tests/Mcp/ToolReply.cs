using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PerfAspire.Tests.Charts;

namespace PerfAspire.Tests.Mcp;

/// <summary>A tool call with every content block kept (graph tools answer with a summary, the JSON and a PNG).</summary>
public sealed record ToolReply(JsonElement Body, bool IsError, IReadOnlyList<string> Texts, byte[]? Png, string? ImageMime, JsonElement? Structured)
{
    public static async Task<ToolReply> CallAsync(McpClient client, string tool, object? args = null)
    {
        var dict = args is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(args))!;
        var result = await client.CallToolAsync(tool, dict);
        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        var json = texts.Last(t => t.TrimStart().StartsWith('{'));
        var image = result.Content.OfType<ImageContentBlock>().SingleOrDefault();
        return new ToolReply(JsonDocument.Parse(json).RootElement.Clone(), result.IsError == true, texts,
            image?.DecodedData.ToArray(), image?.MimeType, result.StructuredContent);
    }

    public static async Task<ToolReply> OkAsync(McpClient client, string tool, object? args = null)
    {
        var reply = await CallAsync(client, tool, args);
        Assert.False(reply.IsError, $"{tool} failed: {reply.Body}");
        return reply;
    }

    public IReadOnlyList<string?> Warnings => Body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();

    /// <summary>Characters of the text blocks; the image is not text.</summary>
    public int TextChars => Texts.Sum(t => t.Length);

    /// <summary>
    /// What the answer costs a model, measured as clients are billed for it: every text block and the structured
    /// content (which repeats the JSON) at ~4 characters per token, the PNG as vision tokens (width × height / 750).
    /// </summary>
    public int Tokens
    {
        get
        {
            var chars = TextChars + (Structured is { } s ? s.GetRawText().Length : 0);
            var vision = 0L;
            if (Png is { } png)
            {
                var (w, h) = PngImage.Dimensions(png);
                vision = (long)w * h / 750;
            }
            return (int)(Math.Ceiling(chars / 4.0) + vision);
        }
    }
}
