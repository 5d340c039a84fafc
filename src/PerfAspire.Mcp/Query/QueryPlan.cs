using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Everything a pattern needs, validated: catalog entries for every identifier, the bundle, window, step,
/// filters and the labels that identify a series in the result (<see cref="GroupBy"/>).
/// </summary>
/// <param name="OrderBy">topk over the whole window: rank by <c>avg</c> or <c>max</c>.</param>
/// <param name="WholeWindowTopK">topk without a step: one ranking over the whole window (value, max_value, samples).</param>
/// <param name="Companion">histogram_latency_percentile: the other histogram metric of the table.</param>
/// <param name="FromRollup">whole-window topk answered from bundle_series (set by <see cref="SeriesRollup"/> after a probe).</param>
/// <param name="FromBuckets">a whole-bundle time series answered from bundle_buckets (set by <see cref="SeriesRollup"/> after a probe).</param>
public sealed record QueryPlan(
    QueryPattern Pattern,
    string Schema,
    CatalogMetric Metric,
    BundleContext Bundle,
    QueryWindow Window,
    int StepSeconds,
    bool StepAutomatic,
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
    /// <summary>The plan as the schema's SQL builders take it (<see cref="PatternSql"/>, <see cref="RankingSql"/>).</summary>
    public SqlPlan Sql => new(
        Pattern.Name, Schema, Metric, Bundle.BundleId, Window.Start, Window.End, StepSeconds, Window.Origin, Filters, GroupBy, K, Quantile,
        RowLimit, OrderBy, WholeWindowTopK, Companion, FromRollup, FromBuckets);

    /// <summary>True when the window holds every sample of the bundle (the default window).</summary>
    public bool CoversBundle =>
        Bundle.TimeStart is { } s && Bundle.TimeEnd is { } e && Window.Start <= s && Window.End >= e;
}
