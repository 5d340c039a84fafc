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
/// Re-buckets a series to a coarser step in memory, counted from the query's bucket origin (<see cref="BucketOrigin"/>)
/// like <c>time_bucket</c>, so a response can fit its budget without a second query. The new bucket's timestamp is its start.
/// </summary>
public static class Downsampling
{
    /// <param name="originMs">The origin the query's buckets were counted from (<see cref="Query.QueryWindow.OriginMs"/>):
    /// coarser buckets from the same origin hold whole finer ones.</param>
    public static IReadOnlyList<Sample> Downsample(IReadOnlyList<Sample> samples, long stepMs, Combine how, long originMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepMs);
        var result = new List<Sample>();
        long? current = null;
        double acc = 0;
        var n = 0;
        foreach (var s in samples.OrderBy(s => s.TsMs))
        {
            if (!double.IsFinite(s.Value)) continue;
            var bucket = BucketOrigin.BucketStartMs(s.TsMs, stepMs, originMs);
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

    /// <summary>The combination that keeps a pattern's meaning when its buckets are merged.</summary>
    public static Combine For(string pattern) => pattern switch
    {
        "timeseries_sum" => Combine.Sum,
        "timeseries_max" => Combine.Max,
        _ => Combine.Mean,
    };
}
