namespace PerfAspire.Mcp.Charts;

/// <summary>
/// Which lines get their own legend entry. A chart shows at most <c>maxEntries</c> entries: when there are more
/// lines, the top <c>maxEntries - 1</c> by <see cref="LegendRank"/> are featured (most significant first) and one
/// extra entry summarises the rest as "+N more".
/// </summary>
public sealed record LegendSelection(IReadOnlyList<int> Featured, IReadOnlyList<int> Rest)
{
    public const int DefaultMaxEntries = 10;

    public string? RestLabel => Rest.Count == 0 ? null : $"+{Rest.Count} more";

    /// <param name="pinned">The first <paramref name="pinned"/> lines are always featured, first (e.g. graph_compare's primary).</param>
    public static LegendSelection Choose(IReadOnlyList<ChartLine> lines, LegendRank rank, int maxEntries = DefaultMaxEntries, int pinned = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 2);
        if (lines.Count <= maxEntries)
        {
            // Few enough: keep the caller's order (graph_timeseries promises the requested order).
            return new LegendSelection(Enumerable.Range(0, lines.Count).ToArray(), []);
        }

        pinned = Math.Clamp(pinned, 0, maxEntries - 1);
        var order = Enumerable.Range(0, pinned).Concat(Enumerable.Range(pinned, lines.Count - pinned)
            .Select(i => (Index: i, Score: Score(lines[i], rank)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => lines[x.Index].Name, StringComparer.Ordinal)
            .Select(x => x.Index))
            .ToArray();
        var featured = order.Take(maxEntries - 1).ToArray();
        var rest = order.Skip(maxEntries - 1).Order().ToArray();
        return new LegendSelection(featured, rest);
    }

    /// <summary>Rank score of one line; a line without finite values ranks last.</summary>
    public static double Score(ChartLine line, LegendRank rank)
    {
        double sum = 0, max = double.NegativeInfinity;
        var n = 0;
        for (var i = 0; i < line.Count; i++)
        {
            var v = line.Values[i];
            if (!double.IsFinite(v)) continue;
            sum += v;
            n++;
            if (v > max) max = v;
        }
        if (n == 0) return double.NegativeInfinity;
        return rank == LegendRank.Max ? max : sum / n;
    }
}
