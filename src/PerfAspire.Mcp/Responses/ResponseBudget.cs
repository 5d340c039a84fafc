using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// Fits a response into the output budget (~8k tokens) by shrinking one knob — samples, list
/// entries, points — until the JSON fits: the answer's size is close to linear in the knob, so each step rescales
/// it by target / size (with a margin), down to a floor.
/// </summary>
public static class ResponseBudget
{
    /// <summary>JSON characters left for the data after the summary line and the MCP framing.</summary>
    public const int TargetChars = ToolResponse.BudgetChars - 2_000;

    public sealed record Fitted<T>(T Body, int Knob, bool Cut);

    public static Fitted<T> Fit<T>(Func<int, T> build, int initial, int minimum) where T : notnull
    {
        var n = Math.Max(initial, minimum);
        var body = build(n);
        var size = AnswerResponse.Size(body);
        var cut = false;
        for (var attempt = 0; size > TargetChars && n > minimum && attempt < 8; attempt++)
        {
            n = Math.Max(minimum, Math.Min(n - 1, (int)(n * 0.92 * TargetChars / size)));
            body = build(n);
            size = AnswerResponse.Size(body);
            cut = true;
        }
        return new Fitted<T>(body, n, cut);
    }
}
