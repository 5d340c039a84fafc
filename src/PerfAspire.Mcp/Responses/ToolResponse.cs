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
        var body = new ErrorBody(new ErrorDetail(error.Code, error.Message, error.Closest is { Count: > 0 } closest ? closest : null, error.Next));
        var element = JsonSerializer.SerializeToElement(body, ToolJson.Options);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    /// <summary>Runs a tool body and maps the failures we understand to readable errors (<see cref="Failure"/>).</summary>
    public static async Task<CallToolResult> RunAsync(ILogger logger, string tool, Func<Task<object>> body)
    {
        try
        {
            return Ok(await body());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (Failure(logger, tool, e) is { } result) return result;
            throw;
        }
    }

    /// <summary>
    /// The answer to a failure we understand: a <see cref="ToolError"/>, the ingest or docs service refusing or
    /// unreachable, the call deadline, a database error; null for anything else (the call filter of
    /// <see cref="ToolContract"/> turns that into <c>internal_error</c>). No active bundle is not a failure of the
    /// call: the honest answer is "nothing to query yet" plus the next step.
    /// </summary>
    public static CallToolResult? Failure(ILogger logger, string tool, Exception e)
    {
        switch (e)
        {
            case ToolError { Code: Bundles.BundleScope.NoActiveBundle } t:
                return Ok(new NoBundleBody([t.Code], t.Message, t.Next));
            case ToolError t:
                return Error(t);
            case IngestApiException i:
                logger.LogInformation("Tool {Tool}: ingest answered {Code}", tool, i.Code);
                return Error(new ToolError(i.Code, i.Message, null, i.Status >= 500 ? "Call system_health, then retry." : null));
            case IngestUnavailableException u:
                logger.LogInformation("Tool {Tool}: ingest unavailable ({Message})", tool, u.Message);
                return Error(new ToolError(IngestUnavailableException.Code, u.Message, null,
                    "The ingest service is down or misconfigured (Mcp:IngestUrl, services:ingest:http:0; unset both to load in process); call system_health, then retry."));
            case DocsApiException d:
                return Error(new ToolError(d.Error.Error, d.Error.Message, d.Error.Suggestions is { Count: > 0 } s ? s : null));
            case OperationCanceledException:
                return null;
        }
        if (CallDeadline.Passed)
        {
            // A statement cut short by the call deadline can surface as a broken connection: the deadline is the cause.
            logger.LogInformation("Tool {Tool} stopped at the call deadline", tool);
            return Error(CallDeadline.Exceeded(CallDeadline.Current!.Limit));
        }
        if (DatabaseErrors.Describe(e) is { } described)
        {
            // A database that does not answer is reported with its cause; a stack trace would only bury it.
            if (e is PostgresException) logger.LogWarning(e, "Tool {Tool} failed on the database: {Code}", tool, described.Code);
            else logger.LogWarning("Tool {Tool} failed on the database: {Code} ({Cause})", tool, described.Code, PerfAspire.Schema.FailureCause.Describe(e));
            return Error(described);
        }
        return null;
    }

    public const string InternalErrorCode = "internal_error";

    /// <summary>
    /// The answer to a failure nothing expected: the server log gets the exception with its stack trace under an
    /// error id; the client gets the code, the tool and the id — not the exception's text, which may carry internals.
    /// </summary>
    public static CallToolResult InternalError(ILogger logger, string tool, Exception? e)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        logger.LogError(e, "Tool {Tool} failed unexpectedly (error id {ErrorId})", tool, id);
        return Error(new ToolError(InternalErrorCode,
            $"{tool} failed unexpectedly on the server (error id {id}; the server log has the details).",
            next: "Call system_health; if it reports ok, retry once with the same arguments, otherwise follow its next_step."));
    }

    sealed record ErrorBody(ErrorDetail Error);

    sealed record NoBundleBody(IReadOnlyList<string> Warnings, string Message, string? Next);

    sealed record ErrorDetail(string Code, string Message, IReadOnlyList<string>? Closest, string? Next);
}
