using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// One deadline for a whole tool call, however many statements it runs: each statement is also bounded by the
/// statement timeout, but a tool that runs dozens of them (compare_windows scans every table) must not hold a
/// connection for minutes. The call's cancellation token fires at the deadline; a tool that can answer with what it
/// has (<see cref="Soft"/>, a reserve earlier) says so with <c>partial: true</c>, every other tool answers
/// <c>deadline_exceeded</c>. Tools that change bundles (not read-only) wait for the ingest service instead and are
/// not bounded here.
/// </summary>
public sealed class CallDeadline
{
    public const string Code = "deadline_exceeded";

    internal static readonly AsyncLocal<CallDeadline?> CurrentCall = new();

    internal CallDeadline(TimeSpan limit, CancellationToken hard, CancellationToken soft)
    {
        Limit = limit;
        Hard = hard;
        Soft = soft;
    }

    /// <summary>The deadline of the tool call running on this flow, if any.</summary>
    public static CallDeadline? Current => CurrentCall.Value;

    public TimeSpan Limit { get; }

    /// <summary>Fires at the deadline (also the token the tool receives).</summary>
    public CancellationToken Hard { get; }

    /// <summary>Fires a reserve before the deadline, leaving time to shape a partial answer.</summary>
    public CancellationToken Soft { get; }

    /// <summary>True when the call running on this flow has passed its deadline: whatever failed, that is the cause.</summary>
    public static bool Passed => CurrentCall.Value is { Hard.IsCancellationRequested: true };

    /// <summary>The refusal for a call stopped at its deadline.</summary>
    public static ToolError Exceeded(TimeSpan limit) => new(Code,
        $"The call ran longer than its overall deadline ({limit.TotalSeconds:0.#} s) and was stopped.",
        next: "Narrow the window (start/end), add label filters or a category, or use a larger step_seconds; then call again.");
}

/// <summary>Registers <see cref="CallDeadline"/> as a call filter of every read-only tool.</summary>
public static class CallDeadlineFilter
{
    public static IMcpServerBuilder WithCallDeadline(this IMcpServerBuilder builder) =>
        builder.WithRequestFilters(f => f.AddCallToolFilter(next => async (context, ct) =>
        {
            var tool = context.MatchedPrimitive as McpServerTool
                       ?? (context.Params?.Name is { } name && context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(name, out var t) == true ? t : null);
            var options = (context.Services ?? context.Server.Services)?.GetService<IOptions<QueryOptions>>()?.Value;
            var seconds = options?.CallDeadlineSeconds ?? 0;
            if (seconds <= 0 || tool?.ProtocolTool.Annotations?.ReadOnlyHint != true) return await next(context, ct);

            var limit = TimeSpan.FromSeconds(seconds);
            // The reserve: a tenth of the limit, between 1 and 3 seconds, at most half the limit. It must cover
            // cancelling the running statement (a cancel request on its own connection) and shaping the partial
            // answer; half a second was seen too short at the end of a busy test run.
            var reserve = TimeSpan.FromSeconds(Math.Min(Math.Clamp(seconds / 10.0, 1, 3), seconds / 2.0));
            using var hard = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var soft = CancellationTokenSource.CreateLinkedTokenSource(hard.Token);
            hard.CancelAfter(limit);
            soft.CancelAfter(limit - reserve);
            var previous = CallDeadline.CurrentCall.Value;
            CallDeadline.CurrentCall.Value = new CallDeadline(limit, hard.Token, soft.Token);
            try
            {
                return await next(context, hard.Token);
            }
            catch (OperationCanceledException) when (hard.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                return ToolResponse.Error(CallDeadline.Exceeded(limit));
            }
            finally
            {
                CallDeadline.CurrentCall.Value = previous;
            }
        }));
}
