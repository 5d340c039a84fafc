namespace PerfAspire.Mcp.Analysis;

/// <summary>Order statistics used by the robust detectors. Inputs are not modified.</summary>
public static class RobustStatistics
{
    /// <summary>1 / Φ⁻¹(0.75): scales a median absolute deviation to a normal standard deviation.</summary>
    public const double MadToSigma = 1.482602218505602;

    /// <summary>√(π/2): scales a mean absolute deviation to a normal standard deviation.</summary>
    public const double MeanAbsDevToSigma = 1.2533141373155003;

    /// <summary>Median (mean of the two middle values for an even count); NaN for no values.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        var copy = values.ToArray();
        Array.Sort(copy);
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : (copy[mid - 1] + copy[mid]) / 2;
    }

    /// <summary>Median absolute deviation from the median (unscaled).</summary>
    public static double Mad(ReadOnlySpan<double> values)
    {
        var median = Median(values);
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++) deviations[i] = Math.Abs(values[i] - median);
        return Median(deviations);
    }

    /// <summary>
    /// A robust standard deviation: 1.4826 × MAD, or, when more than half the values are identical (MAD = 0),
    /// 1.2533 × the mean absolute deviation from the median. Zero only for constant data.
    /// </summary>
    public static double RobustSigma(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return 0;
        var mad = Mad(values);
        if (mad > 0) return MadToSigma * mad;
        var median = Median(values);
        double sum = 0;
        foreach (var v in values) sum += Math.Abs(v - median);
        return MeanAbsDevToSigma * sum / values.Length;
    }

    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }
}
