using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Everything a pattern needs, validated: catalog entries for every identifier, the bundle, window, step,
/// filters and the labels that identify a series in the result (<see cref="GroupBy"/>).
/// </summary>
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
    int K,
    double Quantile,
    string OrderBy,
    int RowLimit,
    CatalogMetric? HistogramCount = null,
    CatalogMetric? HistogramAvg = null);
