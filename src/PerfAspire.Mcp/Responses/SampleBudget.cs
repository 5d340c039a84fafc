using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// Keeps the samples of a series response inside the output budget (~8k tokens): one legacy
/// sample <c>{"ts":1751118720000,"value":12.34567}</c> is ~35 characters, so a response carries at most
/// <see cref="MaxSamples"/> of them. When more came back, every series is re-bucketed to the smallest "round" step
/// that fits (<see cref="Downsampling"/>), and the response says so.
/// </summary>
public static class SampleBudget
{
    public const int MaxSamples = 600;

    static readonly int[] NiceSteps =
    [
        1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    ];

    public sealed record Fitted(int StepSeconds, bool Downsampled, IReadOnlyList<IReadOnlyList<Sample>> Series);

    /// <param name="originMs">Where the series' buckets were counted from (<see cref="Query.QueryWindow.OriginMs"/>).</param>
    public static Fitted Fit(IReadOnlyList<IReadOnlyList<Sample>> series, int stepSeconds, Combine how, long originMs, int maxSamples = MaxSamples)
    {
        var total = series.Sum(s => (long)s.Count);
        if (total <= maxSamples) return new Fitted(stepSeconds, false, series);
        var step = stepSeconds;
        IReadOnlyList<IReadOnlyList<Sample>> fitted = series;
        // Usually one pass: points per series shrink by about the step ratio. Stops at one point per series (callers
        // cap the series count well below the sample budget).
        while (fitted.Sum(s => (long)s.Count) > maxSamples && fitted.Any(s => s.Count > 1))
        {
            var factor = Math.Max(2, (int)Math.Ceiling(fitted.Sum(s => (double)s.Count) / maxSamples));
            var next = Nice((long)step * factor);
            if (next <= step) next = step * 2;
            step = next;
            fitted = series.Select(s => Downsampling.Downsample(s, step * 1000L, how, originMs)).ToArray();
        }
        return new Fitted(step, true, fitted);
    }

    public static int Nice(long seconds)
    {
        foreach (var s in NiceSteps)
        {
            if (s >= seconds) return s;
        }
        return (int)Math.Min(int.MaxValue / 1000, (long)Math.Ceiling(seconds / 86400.0) * 86400);
    }
}
