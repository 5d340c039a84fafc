using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Npgsql;
using PerfAspire.Docs.Client;
using PerfAspire.Ingest.Client;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// Turns a tool's answer object (or its failure) into a <see cref="CallToolResult"/>: the JSON as text for
/// text-only hosts and the same object as structured content. Failures become <c>isError</c> results with a
/// code, a message and a next step — never a stack trace.
/// </summary>
public static class ToolResponse
{
    /// <summary>
    /// Soft ceiling for the JSON of one response. The JSON travels twice — as text for text-only hosts and as
    /// structured content — and a chart adds its image, so ~8k tokens at ~4 characters per token leave about
    /// 15,000 characters for the JSON.
    /// </summary>
    public const int BudgetChars = 15_000;

    public static CallToolResult Ok(object body)
    {
        var element = JsonSerializer.SerializeToElement(body, body.GetType(), ToolJson.Options);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    public static CallToolResult Error(ToolError error)
    {
        var body = new ErrorBody(new ErrorDetail(error.Code, error.Message, error.Closest, error.Next));
        var element = JsonSerializer.SerializeToElement(body, ToolJson.Options);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    /// <summary>Runs a tool body and maps the failures we understand to readable errors.</summary>
    public static async Task<CallToolResult> RunAsync(ILogger logger, string tool, Func<Task<object>> body)
    {
        try
        {
            return Ok(await body());
        }
        catch (ToolError e) when (e.Code == Bundles.BundleScope.NoActiveBundle)
        {
            // Not a failure of the call: the honest answer is "nothing to query yet" plus the next step.
            return Ok(new NoBundleBody([e.Code], e.Message, e.Next));
        }
        catch (ToolError e)
        {
            return Error(e);
        }
        catch (IngestApiException e)
        {
            logger.LogInformation("Tool {Tool}: ingest answered {Code}", tool, e.Code);
            return Error(new ToolError(e.Code, e.Message, null, e.Status >= 500 ? "Call system_health, then retry." : null));
        }
        catch (IngestUnavailableException e)
        {
            logger.LogInformation("Tool {Tool}: ingest unavailable ({Message})", tool, e.Message);
            return Error(new ToolError(IngestUnavailableException.Code, e.Message, null,
                "The ingest service is down or misconfigured (Mcp:IngestUrl, services:ingest:http:0; unset both to load in process); call system_health, then retry."));
        }
        catch (DocsApiException e)
        {
            return Error(new ToolError(e.Error.Error, e.Error.Message, e.Error.Suggestions is { Count: > 0 } s ? s : null));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (CallDeadline.Passed && e is not ToolError)
        {
            // A statement cut short by the call deadline can surface as a broken connection: the deadline is the cause.
            logger.LogInformation("Tool {Tool} stopped at the call deadline", tool);
            return Error(CallDeadline.Exceeded(CallDeadline.Current!.Limit));
        }
        catch (Exception e) when (DatabaseErrors.Describe(e) is { } described)
        {
            // A database that does not answer is reported with its cause; a stack trace would only bury it.
            if (e is PostgresException) logger.LogWarning(e, "Tool {Tool} failed on the database: {Code}", tool, described.Code);
            else logger.LogWarning("Tool {Tool} failed on the database: {Code} ({Cause})", tool, described.Code, PerfAspire.Schema.FailureCause.Describe(e));
            return Error(described);
        }
    }

    sealed record ErrorBody(ErrorDetail Error);

    sealed record NoBundleBody(IReadOnlyList<string> Warnings, string Message, string? Next);

    sealed record ErrorDetail(string Code, string Message, IReadOnlyList<string>? Closest, string? Next);
}
