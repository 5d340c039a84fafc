namespace PerfAspire.Mcp.Analysis;

/// <summary>
/// Robust anomaly detection on one series.
/// <list type="bullet">
/// <item><b>Spikes</b>: residual r(i) = x(i) − rolling median of the 2h+1 samples centred on i; noise σ = robust sigma
/// of all residuals (1.4826 × MAD, falling back to 1.2533 × mean absolute deviation); a spike is |r(i)| / σ ≥ threshold.
/// A rolling (not global) median keeps a level shift from being reported as hundreds of spikes.</item>
/// <item><b>Level shifts</b>: at each i, the median of the w samples after i minus the median of the w samples before;
/// score = that difference / σ. Shifts are local maxima of |score| above the threshold, at least w samples apart; among
/// equal medians the point where the mean difference peaks wins, which is the sample where the new level starts.</item>
/// </list>
/// σ has a floor of 1e-9 × max(1, |median|) so perfectly constant data still yields finite scores.
/// </summary>
public static class AnomalyDetection
{
    public sealed record Options(double SpikeThreshold = 3.5, int HalfWindow = 5, double ShiftThreshold = 5, int? ShiftWindow = null, int MaxResults = 20);

    public sealed record Spike(long TsMs, double Value, double Baseline, double Score);

    public sealed record LevelShift(long TsMs, double Before, double After, double Score);

    public sealed record Report(
        int Samples, double Median, double Mad, double Sigma,
        IReadOnlyList<Spike> Spikes, IReadOnlyList<LevelShift> Shifts,
        bool SpikesTruncated, bool ShiftsTruncated, string? Note);

    public const int MinSamples = 8;

    public static Report Detect(IReadOnlyList<Sample> series, Options? options = null)
    {
        options ??= new Options();
        var points = series.Where(s => double.IsFinite(s.Value)).OrderBy(s => s.TsMs).ToArray();
        var x = points.Select(p => p.Value).ToArray();
        var n = x.Length;
        if (n < MinSamples)
        {
            var m = n == 0 ? double.NaN : RobustStatistics.Median(x);
            return new Report(n, m, n == 0 ? double.NaN : RobustStatistics.Mad(x), 0, [], [], false, false,
                $"too few samples ({n}) for anomaly detection; need at least {MinSamples}");
        }

        var median = RobustStatistics.Median(x);
        var baseline = RollingMedian(x, options.HalfWindow);
        var residuals = new double[n];
        for (var i = 0; i < n; i++) residuals[i] = x[i] - baseline[i];
        var sigma = Math.Max(RobustStatistics.RobustSigma(residuals), 1e-9 * Math.Max(1, Math.Abs(median)));

        var spikes = new List<Spike>();
        for (var i = 0; i < n; i++)
        {
            var score = residuals[i] / sigma;
            if (Math.Abs(score) >= options.SpikeThreshold) spikes.Add(new Spike(points[i].TsMs, x[i], baseline[i], score));
        }

        var shifts = LevelShifts(points, x, sigma, options);
        var topSpikes = spikes.OrderByDescending(s => Math.Abs(s.Score)).Take(options.MaxResults).OrderBy(s => s.TsMs).ToArray();
        var topShifts = shifts.OrderByDescending(s => Math.Abs(s.Score)).Take(options.MaxResults).OrderBy(s => s.TsMs).ToArray();
        return new Report(n, median, RobustStatistics.Mad(x), sigma, topSpikes, topShifts,
            spikes.Count > topSpikes.Length, shifts.Count > topShifts.Length, null);
    }

    /// <summary>Median of x[i-h .. i+h], the window truncated at the ends.</summary>
    public static double[] RollingMedian(double[] x, int halfWindow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(halfWindow);
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var lo = Math.Max(0, i - halfWindow);
            var hi = Math.Min(x.Length - 1, i + halfWindow);
            result[i] = RobustStatistics.Median(x.AsSpan(lo, hi - lo + 1));
        }
        return result;
    }

    private static List<LevelShift> LevelShifts(Sample[] points, double[] x, double sigma, Options options)
    {
        var n = x.Length;
        var w = options.ShiftWindow ?? Math.Clamp(n / 20, 4, 30);
        if (n < 2 * w) return [];

        // Runs of consecutive positions whose median difference passes the threshold with the same sign are one shift;
        // it is placed where the difference of the window means peaks (the sample where the new level starts).
        var runs = new List<(int Index, double Before, double After, double Score)>();
        (int Index, double Before, double After, double Score, double Peak, double BestScore)? open = null;
        for (var i = w; i <= n - w + 1; i++)
        {
            (double Before, double After, double Score)? here = null;
            if (i <= n - w)
            {
                var before = RobustStatistics.Median(x.AsSpan(i - w, w));
                var after = RobustStatistics.Median(x.AsSpan(i, w));
                var score = (after - before) / sigma;
                if (Math.Abs(score) >= options.ShiftThreshold) here = (before, after, score);
            }
            if (open is { } o && (here is null || Math.Sign(here.Value.Score) != Math.Sign(o.Score)))
            {
                runs.Add((o.Index, o.Before, o.After, o.BestScore));
                open = null;
            }
            if (here is not { } h) continue;
            var meanDiff = Math.Abs(RobustStatistics.Mean(x.AsSpan(i, w)) - RobustStatistics.Mean(x.AsSpan(i - w, w)));
            if (open is null)
            {
                open = (i, h.Before, h.After, h.Score, meanDiff, h.Score);
            }
            else
            {
                var cur = open.Value;
                var best = Math.Abs(h.Score) > Math.Abs(cur.BestScore) ? h.Score : cur.BestScore;
                open = meanDiff > cur.Peak
                    ? (i, h.Before, h.After, h.Score, meanDiff, best)
                    : cur with { BestScore = best };
            }
        }

        var accepted = new List<(int Index, double Before, double After, double Score)>();
        foreach (var c in runs.OrderByDescending(c => Math.Abs(c.Score)).ThenBy(c => c.Index))
        {
            if (accepted.Any(a => Math.Abs(a.Index - c.Index) < w)) continue;
            accepted.Add(c);
        }
        return accepted.Select(c => new LevelShift(points[c.Index].TsMs, c.Before, c.After, c.Score)).ToList();
    }
}
