namespace PerfAspire.Mcp.Analysis;

/// <summary>Summary of one series in one window: sample count, mean and sample standard deviation (n − 1).</summary>
public readonly record struct WindowStats(long Count, double Mean, double StdDev)
{
    public static WindowStats Of(ReadOnlySpan<double> values)
    {
        long n = 0;
        double mean = 0, m2 = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            // Welford: stable for large counters.
            n++;
            var d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        }
        return n == 0 ? new WindowStats(0, double.NaN, double.NaN) : new WindowStats(n, mean, n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0);
    }
}
