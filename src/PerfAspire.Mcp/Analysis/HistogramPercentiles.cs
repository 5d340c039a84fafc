namespace PerfAspire.Mcp.Analysis;

/// <summary>
/// Latency percentiles estimated from a ptop DB histogram (docs/ptop-format.md §3.8): per log2 bucket, the number of
/// operations and their mean latency.
/// <para><b>Bucket bounds.</b> Bucket b holds latencies in [2^(b−1), 2^b) nanoseconds (bucket 17 = [65.5 µs, 131 µs);
/// ptop's example "17 3 0.000080420" averages 80.4 µs, inside it). If a reported mean falls outside its bucket the
/// bounds are widened to include it.</para>
/// <para><b>Rank.</b> For quantile q over N operations the target rank is q·N; the estimate comes from the first bucket
/// (by index) whose cumulative count reaches it, at fraction f = (q·N − operations in lower buckets) / count ∈ (0, 1].</para>
/// <para><b>Interpolation inside a bucket.</b> The operations of a bucket are taken as uniform on
/// [avg − w, avg + w] with w = min(avg − lower, upper − avg): the widest interval inside the bucket whose mean is the
/// reported average. The estimate is avg − w + 2w·f. A bucket holding a single operation, or whose average sits on a
/// bound, returns its average exactly. So the estimate never leaves the bucket and respects the measured mean, which
/// plain linear interpolation between the bounds ignores.</para>
/// </summary>
public static class HistogramPercentiles
{
    public static double LowerBoundSeconds(int index) => index <= 0 ? 0 : Math.Pow(2, index - 1) * 1e-9;

    public static double UpperBoundSeconds(int index) => Math.Pow(2, Math.Max(index, 0)) * 1e-9;

    /// <summary>Index of the bucket holding a latency, by the bounds above.</summary>
    public static int BucketOf(double seconds)
    {
        var ns = seconds * 1e9;
        if (ns < 1) return 0;
        return (int)Math.Floor(Math.Log2(ns)) + 1;
    }

    /// <summary>The latency (seconds) at quantile q ∈ (0, 1]; null for an empty histogram.</summary>
    public static double? Estimate(IReadOnlyList<HistogramBucket> buckets, double quantile)
    {
        if (!(quantile > 0 && quantile <= 1)) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "quantile must be in (0, 1]");
        var ordered = buckets.Where(b => b.Count > 0 && double.IsFinite(b.Count) && double.IsFinite(b.AvgSeconds))
            .OrderBy(b => b.Index).ToArray();
        double total = 0;
        foreach (var b in ordered) total += b.Count;
        if (total <= 0) return null;

        var rank = quantile * total;
        double below = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            var b = ordered[i];
            // The last bucket takes any rank left over by floating-point rounding of the running sum.
            if (below + b.Count < rank && i < ordered.Length - 1)
            {
                below += b.Count;
                continue;
            }
            return Within(b, Math.Clamp((rank - below) / b.Count, 0, 1));
        }
        return null;
    }

    private static double Within(HistogramBucket b, double f)
    {
        if (b.Count <= 1) return b.AvgSeconds;
        var lower = Math.Min(LowerBoundSeconds(b.Index), b.AvgSeconds);
        var upper = Math.Max(UpperBoundSeconds(b.Index), b.AvgSeconds);
        var w = Math.Min(b.AvgSeconds - lower, upper - b.AvgSeconds);
        return b.AvgSeconds - w + 2 * w * f;
    }

    /// <summary>Combines rows of the same bucket (e.g. all epochs of one time step): counts add, means weight by count.</summary>
    public static IReadOnlyList<HistogramBucket> Merge(IEnumerable<HistogramBucket> rows)
    {
        var acc = new SortedDictionary<int, (double Count, double Weighted)>();
        foreach (var r in rows)
        {
            if (!(r.Count > 0) || !double.IsFinite(r.AvgSeconds)) continue;
            acc.TryGetValue(r.Index, out var cur);
            acc[r.Index] = (cur.Count + r.Count, cur.Weighted + r.Count * r.AvgSeconds);
        }
        return acc.Select(kv => new HistogramBucket(kv.Key, kv.Value.Count, kv.Value.Weighted / kv.Value.Count)).ToArray();
    }
}
