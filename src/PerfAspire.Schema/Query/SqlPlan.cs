namespace PerfAspire.Schema.Query;

/// <summary>
/// What the SQL builders (<see cref="PatternSql"/>, <see cref="WholeWindowSql"/>, <see cref="RankingSql"/>) need of a
/// validated query: every identifier a catalog entry, every value checked. The MCP server's planner produces it;
/// the SQL text is built only here.
/// </summary>
/// <param name="Origin">Where time buckets are counted from (<see cref="BucketOrigin"/>).</param>
/// <param name="GroupBy">The labels that identify a series in the result.</param>
/// <param name="RowLimit">Rows returned at most (callers ask one more than they show, to know whether it was cut).</param>
/// <param name="OrderBy">topk over the whole window: rank by <c>avg</c> or <c>max</c>.</param>
/// <param name="WholeWindowTopK">topk without a step: one ranking over the whole window (value, max_value, samples).</param>
/// <param name="Companion">histogram_latency_percentile: the other histogram metric of the table.</param>
/// <param name="FromRollup">whole-window topk answered from bundle_series (the bundle's rows there were probed first).</param>
/// <param name="FromBuckets">a whole-bundle time series answered from bundle_buckets (probed first; see <see cref="BucketSql"/>).</param>
public sealed record SqlPlan(
    string Pattern,
    string Schema,
    CatalogMetric Metric,
    string BundleId,
    DateTimeOffset Start,
    DateTimeOffset End,
    int StepSeconds,
    DateTimeOffset Origin,
    IReadOnlyList<LabelFilter> Filters,
    IReadOnlyList<string> GroupBy,
    int? K,
    double? Quantile,
    int RowLimit,
    string OrderBy = "avg",
    bool WholeWindowTopK = false,
    CatalogMetric? Companion = null,
    bool FromRollup = false,
    bool FromBuckets = false)
{
    /// <summary>The labels a series of this pattern has when nothing is collapsed.</summary>
    public IReadOnlyList<string> NaturalLabels => Pattern == QueryPatterns.HistogramOpsPerSec
        ? [.. Metric.Labels.Where(l => l != QueryRenderer.HistogramBucketLabel)]
        : Metric.Labels;

    /// <summary>True when the result keeps other labels than the pattern's own series labels.</summary>
    public bool Collapses => !GroupBy.SequenceEqual(NaturalLabels);
}
