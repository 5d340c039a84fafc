namespace PerfAspire.Mcp.Analysis;

/// <summary>
/// graph_compare's scaling: each comparator series is multiplied by
/// <c>factor = |baseline(primary)| / |baseline(comparator)|</c> so that its baseline lands on the primary's.
/// A zero or missing baseline (no finite samples) on either side leaves the comparator unscaled, with a warning;
/// the factor is then reported as null.
/// </summary>
public static class Normalization
{
    /// <summary>Magnitudes below this count as a zero baseline (a division by them would only amplify noise).</summary>
    public const double ZeroBaseline = 1e-12;

    public sealed record ComparatorScaling(string Name, double? Baseline, double? Factor, IReadOnlyList<Sample> Samples);

    public sealed record Result(double? PrimaryBaseline, IReadOnlyList<ComparatorScaling> Comparators, IReadOnlyList<string> Warnings);

    public static Result Normalize(
        IReadOnlyList<Sample> primary,
        IReadOnlyList<(string Name, IReadOnlyList<Sample> Samples)> comparators,
        NormalizeMode mode)
    {
        var warnings = new List<string>();
        var primaryBaseline = Baseline(primary, mode);
        var primaryUsable = primaryBaseline is double pb && Math.Abs(pb) >= ZeroBaseline;
        if (!primaryUsable)
        {
            warnings.Add(primaryBaseline is null ? "normalize_primary_baseline_missing" : "normalize_primary_baseline_zero");
        }

        var scaled = new List<ComparatorScaling>(comparators.Count);
        foreach (var (name, samples) in comparators)
        {
            var baseline = Baseline(samples, mode);
            if (!primaryUsable)
            {
                scaled.Add(new ComparatorScaling(name, baseline, null, samples));
                continue;
            }
            if (baseline is null || Math.Abs(baseline.Value) < ZeroBaseline)
            {
                warnings.Add((baseline is null ? "normalize_baseline_missing:" : "normalize_baseline_zero:") + name);
                scaled.Add(new ComparatorScaling(name, baseline, null, samples));
                continue;
            }
            var factor = Math.Abs(primaryBaseline!.Value) / Math.Abs(baseline.Value);
            scaled.Add(new ComparatorScaling(name, baseline, factor, samples.Select(s => s with { Value = s.Value * factor }).ToArray()));
        }
        return new Result(primaryBaseline, scaled, warnings);
    }

    /// <summary>The baseline of one series, or null when it has no finite sample.</summary>
    public static double? Baseline(IReadOnlyList<Sample> samples, NormalizeMode mode)
    {
        double? result = null;
        long firstTs = long.MaxValue;
        foreach (var s in samples)
        {
            if (!double.IsFinite(s.Value)) continue;
            if (mode == NormalizeMode.First)
            {
                if (s.TsMs < firstTs) { firstTs = s.TsMs; result = s.Value; }
            }
            else if (result is null || Math.Abs(s.Value) > Math.Abs(result.Value))
            {
                result = s.Value;
            }
        }
        return result;
    }
}
