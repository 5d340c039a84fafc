using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Everything a pattern needs, validated: catalog entries for every identifier, the bundle, window, step,
/// filters and the labels that identify a series in the result (<see cref="GroupBy"/>).
/// </summary>
/// <param name="WholeWindowTopK">topk without a step: one ranking over the whole window (see <see cref="PatternSql"/>).</param>
/// <param name="Companion">histogram_latency_percentile: the other histogram metric of the table.</param>
public sealed record QueryPlan(
    QueryPattern Pattern,
    string Schema,
    Catalog.MetricEntry Metric,
    BundleContext Bundle,
    QueryWindow Window,
    double StepSeconds,
    bool StepAutomatic,
    IReadOnlyList<LabelFilter> Filters,
    IReadOnlyList<string> GroupBy,
    int? K,
    double? Quantile,
    int RowLimit,
    bool WholeWindowTopK = false,
    Catalog.MetricEntry? Companion = null)
{
    /// <summary>True when the result keeps fewer labels than the metric has (series are aggregated together).</summary>
    public bool Collapses => !GroupBy.SequenceEqual(Metric.Labels);
}
