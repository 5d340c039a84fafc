using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// Turns a <see cref="ToolAnswer"/> into the MCP result: the data as structured content and as JSON text, plus —
/// for charts — a one-line summary (first, for hosts that only show text) and the PNG as image content.
/// <para>The old backend's soft failures, which its clients rely on and the chart and analysis tools keep: when the
/// backend is unreachable, no bundle is active or the metric does not exist, these tools do not fail; they answer with their usual shape, empty, and a <c>warnings</c> token
/// (<c>timescale_unavailable</c>, <c>no_active_bundle</c>, <c>metric_not_found</c>) plus the message and next step.
/// Every other problem is an ordinary tool error.</para>
/// </summary>
public static class AnswerResponse
{
    static readonly HashSet<string> SoftCodes = ["timescale_unavailable", BundleScope.NoActiveBundle, "metric_not_found"];

    /// <param name="expression">What was asked, echoed as <c>expression</c> in every answer (normal or empty) that does not
    /// set it itself: legacy clients read it.</param>
    public static async Task<CallToolResult> RunAsync(ILogger logger, string tool, Func<Task<ToolAnswer>> body, Func<ToolError, object> empty, string? expression = null)
    {
        ToolAnswer? answer = null;
        var result = await ToolResponse.RunAsync(logger, tool, async () =>
        {
            try
            {
                answer = await body();
                return WithExpression(answer.Body, expression);
            }
            catch (ToolError e) when (SoftCodes.Contains(e.Code))
            {
                return WithExpression(empty(e), expression);
            }
            catch (Exception e) when (e is not ToolError && e is not OperationCanceledException && !CallDeadline.Passed
                                      && DatabaseErrors.Describe(e) is { Code: "timescale_unavailable" } down)
            {
                logger.LogWarning(e, "Tool {Tool}: database unreachable", tool);
                return WithExpression(empty(down), expression);
            }
        });
        if (result.IsError == true || answer is null || (answer.Summary is null && answer.Png is null)) return result;

        var content = new List<ContentBlock>();
        if (answer.Summary is { } summary) content.Add(new TextContentBlock { Text = summary });
        content.AddRange(result.Content);
        if (answer.Png is { } png) content.Add(ImageContentBlock.FromBytes(png, "image/png"));
        return new CallToolResult { Content = content, StructuredContent = result.StructuredContent };
    }

    static object WithExpression(object body, string? expression)
    {
        if (expression is null || JsonSerializer.SerializeToNode(body, body.GetType(), ToolJson.Options) is not JsonObject node) return body;
        if (!node.ContainsKey("expression")) node["expression"] = expression;
        return node;
    }

    /// <summary>The common part of an empty legacy answer: the warning token and how to recover.</summary>
    public static Dictionary<string, object?> EmptyFields(ToolError e)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["warnings"] = new[] { e.Code },
            ["message"] = e.Message,
        };
        if (e.Closest is { Count: > 0 } closest) d["closest"] = closest;
        if (e.Next is { } next) d["next"] = next;
        return d;
    }

    public static int Size(object body) => JsonSerializer.Serialize(body, body.GetType(), ToolJson.Options).Length;
}
