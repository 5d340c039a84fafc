namespace PerfAspire.Mcp.Analysis;

/// <summary>
/// Pearson correlation of two series aligned on equal timestamps (both come from the same time_bucket grid), with a
/// search over lags: at lag k (in steps) sample a(t) is paired with b(t + k·step), so a positive best lag means
/// b follows a by k steps.
/// </summary>
public static class Correlation
{
    /// <summary>Fewer pairs than this give no coefficient (r of 3 points is noise).</summary>
    public const int DefaultMinPairs = 5;

    public sealed record LagResult(int LagSteps, long LagMs, double? R, int Pairs);

    public sealed record Result(LagResult AtZero, LagResult Best, IReadOnlyList<LagResult> ByLag);

    /// <summary>Pearson's r, or null when there are fewer than <paramref name="minPairs"/> pairs or either side is constant.</summary>
    public static double? Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int minPairs = DefaultMinPairs)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y must have the same length");
        var n = x.Length;
        if (n < Math.Max(2, minPairs)) return null;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        // Relative tolerance: a series that only varies by rounding error is constant.
        if (sxx <= 1e-24 * Math.Max(1, mx * mx) * n || syy <= 1e-24 * Math.Max(1, my * my) * n) return null;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    public static Result WithLagSearch(IReadOnlyList<Sample> a, IReadOnlyList<Sample> b, long stepMs, int maxLagSteps, int minPairs = DefaultMinPairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMs);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLagSteps);
        var bByTs = new Dictionary<long, double>(b.Count);
        foreach (var s in b)
        {
            if (double.IsFinite(s.Value)) bByTs[s.TsMs] = s.Value;
        }

        var byLag = new List<LagResult>(2 * maxLagSteps + 1);
        var xs = new List<double>(a.Count);
        var ys = new List<double>(a.Count);
        for (var k = -maxLagSteps; k <= maxLagSteps; k++)
        {
            xs.Clear();
            ys.Clear();
            foreach (var s in a)
            {
                if (!double.IsFinite(s.Value)) continue;
                if (bByTs.TryGetValue(s.TsMs + k * stepMs, out var v)) { xs.Add(s.Value); ys.Add(v); }
            }
            var r = Pearson(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(xs),
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ys), minPairs);
            byLag.Add(new LagResult(k, k * stepMs, r, xs.Count));
        }

        var zero = byLag[maxLagSteps];
        // Strongest |r|; on a tie the smaller |lag| wins (the simpler explanation).
        var best = byLag.Where(l => l.R is not null)
            .OrderByDescending(l => Math.Round(Math.Abs(l.R!.Value), 12))
            .ThenBy(l => Math.Abs(l.LagSteps))
            .ThenBy(l => l.LagSteps)
            .FirstOrDefault() ?? zero;
        return new Result(zero, best, byLag);
    }
}
