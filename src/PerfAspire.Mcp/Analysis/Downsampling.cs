namespace PerfAspire.Mcp.Analysis;

/// <summary>How the points of a coarser bucket are combined; must match how the finer buckets were made.</summary>
public enum Combine
{
    /// <summary>Averages (timeseries_avg, counter_rate, histogram ops/s): the mean of equal-width buckets.</summary>
    Mean,
    /// <summary>Per-bucket sums (timeseries_sum: delta and histogram counts): sums add.</summary>
    Sum,
    /// <summary>Per-bucket maxima (timeseries_max).</summary>
    Max,
}

/// <summary>
/// Re-buckets a series to a coarser step in memory, aligned like <c>time_bucket</c> (origin 2000-01-03 00:00 UTC), so
/// a response can fit its budget without a second query. The new bucket's timestamp is its start.
/// </summary>
public static class Downsampling
{
    /// <summary>time_bucket's default origin (a Monday), in epoch milliseconds.</summary>
    public const long OriginMs = 946_857_600_000;

    public static IReadOnlyList<Sample> Downsample(IReadOnlyList<Sample> samples, long stepMs, Combine how)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMs);
        var result = new List<Sample>();
        long? current = null;
        double acc = 0;
        var n = 0;
        foreach (var s in samples.OrderBy(s => s.TsMs))
        {
            if (!double.IsFinite(s.Value)) continue;
            var bucket = BucketStart(s.TsMs, stepMs);
            if (current != bucket)
            {
                Flush();
                current = bucket;
                acc = how == Combine.Max ? double.NegativeInfinity : 0;
                n = 0;
            }
            acc = how == Combine.Max ? Math.Max(acc, s.Value) : acc + s.Value;
            n++;
        }
        Flush();
        return result;

        void Flush()
        {
            if (current is not { } b || n == 0) return;
            result.Add(new Sample(b, how == Combine.Mean ? acc / n : acc));
        }
    }

    public static long BucketStart(long tsMs, long stepMs) => OriginMs + (long)Math.Floor((tsMs - OriginMs) / (double)stepMs) * stepMs;

    /// <summary>The combination that keeps a pattern's meaning when its buckets are merged.</summary>
    public static Combine For(string pattern) => pattern switch
    {
        "timeseries_sum" => Combine.Sum,
        "timeseries_max" => Combine.Max,
        _ => Combine.Mean,
    };
}
