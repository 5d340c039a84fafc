using System.Globalization;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Picks the time-bucket width: the caller's <c>step_seconds</c> when it keeps a series within the point budget,
/// else the smallest "round" step (1 s, 5 s, 1 min, 5 min, 1 h, ...) that does, never finer than the sampling interval.
/// </summary>
public static class StepChooser
{
    static readonly int[] NiceSteps =
    [
        1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    ];

    public sealed record Choice(int StepSeconds, bool Automatic, string? Warning);

    public static Choice Choose(TimeSpan span, double? requested, int? sampleIntervalSeconds, int maxPoints)
    {
        var floor = Math.Max(1, sampleIntervalSeconds ?? 1);
        var needed = (int)Math.Min(QueryLimits.MaxStepSeconds, Math.Ceiling(Math.Max(0, span.TotalSeconds) / Math.Max(1, maxPoints)));
        var auto = Nice(Math.Max(needed, floor));
        if (requested is not { } r) return new Choice(auto, true, null);
        if (double.IsNaN(r) || r < 1 || r > QueryLimits.MaxStepSeconds)
        {
            throw new ToolError("invalid_step", $"step_seconds must be between 1 and {QueryLimits.MaxStepSeconds.ToString(CultureInfo.InvariantCulture)}.",
                next: "Leave step_seconds out to let the server choose (at most ~500 points per series).");
        }
        var step = (int)Math.Ceiling(r);
        if (step < needed)
        {
            var points = (long)Math.Ceiling(span.TotalSeconds / step);
            return new Choice(auto, true,
                $"step_increased: step_seconds={step} would give {points} points per series (budget {maxPoints}); used {auto}. Narrow the window (start/end) for finer steps.");
        }
        return new Choice(step, false, null);
    }

    static int Nice(int seconds)
    {
        foreach (var s in NiceSteps)
        {
            if (s >= seconds) return s;
        }
        return (int)Math.Min(QueryLimits.MaxStepSeconds, (long)Math.Ceiling(seconds / 86400.0) * 86400);
    }
}
