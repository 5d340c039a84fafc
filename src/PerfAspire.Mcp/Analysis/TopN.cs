namespace PerfAspire.Mcp.Analysis;

/// <summary>What "top" means for top_n / graph_topk.</summary>
public enum TopBy
{
    /// <summary>Mean of the samples present in the window.</summary>
    Avg,
    /// <summary>Largest sample in the window.</summary>
    Max,
}

/// <summary>One ranked series (or label group): its labels and its window statistics.</summary>
public sealed record RankedSeries(IReadOnlyDictionary<string, string?> Labels, double Avg, double Max, long Samples);

/// <summary>
/// Ranking for top_n: descending by the chosen statistic, ties broken by the other statistic and then by the labels
/// (so the order is total and repeatable). Grouping sums the series of one label value at each timestamp first
/// ("sum threads per exec"), then takes the statistic over time of that sum.
/// </summary>
public static class TopN
{
    public static IReadOnlyList<RankedSeries> Rank(IEnumerable<RankedSeries> series, TopBy by, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        return series
            .Where(s => s.Samples > 0)
            .OrderByDescending(s => by == TopBy.Avg ? s.Avg : s.Max)
            .ThenByDescending(s => by == TopBy.Avg ? s.Max : s.Avg)
            .ThenBy(s => LabelKey(s.Labels), StringComparer.Ordinal)
            .Take(k)
            .ToArray();
    }

    /// <summary>Window statistics of each series (samples not finite are skipped).</summary>
    public static IReadOnlyList<RankedSeries> Summarise(IEnumerable<(IReadOnlyDictionary<string, string?> Labels, IReadOnlyList<Sample> Samples)> series)
    {
        var result = new List<RankedSeries>();
        foreach (var (labels, samples) in series)
        {
            double sum = 0, max = double.NegativeInfinity;
            long n = 0;
            foreach (var s in samples)
            {
                if (!double.IsFinite(s.Value)) continue;
                sum += s.Value;
                n++;
                max = Math.Max(max, s.Value);
            }
            result.Add(new RankedSeries(labels, n == 0 ? double.NaN : sum / n, n == 0 ? double.NaN : max, n));
        }
        return result;
    }

    /// <summary>
    /// Sums the series sharing a value of <paramref name="label"/> at each timestamp and returns one series per value
    /// (labelled only by that label). A series missing at a timestamp contributes nothing to that sum.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, string?> Labels, IReadOnlyList<Sample> Samples)> GroupSum(
        IEnumerable<(IReadOnlyDictionary<string, string?> Labels, IReadOnlyList<Sample> Samples)> series, string label)
    {
        var groups = new Dictionary<string, SortedDictionary<long, double>>(StringComparer.Ordinal);
        var nullKey = "\0null";
        foreach (var (labels, samples) in series)
        {
            labels.TryGetValue(label, out var value);
            var key = value ?? nullKey;
            if (!groups.TryGetValue(key, out var sums)) groups[key] = sums = new SortedDictionary<long, double>();
            foreach (var s in samples)
            {
                if (!double.IsFinite(s.Value)) continue;
                sums[s.TsMs] = sums.TryGetValue(s.TsMs, out var cur) ? cur + s.Value : s.Value;
            }
        }
        return groups.Select(g => (
                (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { [label] = g.Key == nullKey ? null : g.Key },
                (IReadOnlyList<Sample>)g.Value.Select(kv => new Sample(kv.Key, kv.Value)).ToArray()))
            .ToArray();
    }

    /// <summary>A stable text key of a label set: name=value pairs sorted by name.</summary>
    public static string LabelKey(IReadOnlyDictionary<string, string?> labels) =>
        string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
}
