using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Query;

/// <summary>
/// What the query renderer needs to know about a metric: one row of <c>metric_catalog</c> (or the spec entry it
/// was generated from). Every name here is an identifier checked by <see cref="QueryRenderer"/> before use.
/// </summary>
/// <param name="Name">Canonical metric name = view name.</param>
/// <param name="Table">Base table (metric_catalog.base_table).</param>
/// <param name="Column">Column in the base table (metric_catalog.column_name).</param>
/// <param name="Kind">Metric kind (metric_catalog.metric_kind).</param>
/// <param name="Unit">Unit, for display.</param>
/// <param name="Labels">Local labels in table order (metric_catalog.local_labels).</param>
public sealed record CatalogMetric(string Name, string Table, string Column, MetricKind Kind, string? Unit, IReadOnlyList<string> Labels)
{
    public static CatalogMetric FromSpec(TableGroup group, MetricSpec metric) =>
        new(group.MetricName(metric), group.Table, metric.Column, metric.Kind, metric.Unit, [.. group.LabelNames]);

    /// <summary>From metric_catalog column values; throws <see cref="QueryBuildException"/> for an unknown kind.</summary>
    public static CatalogMetric FromCatalog(string metricName, string baseTable, string columnName, string metricKind, string? unit, IReadOnlyList<string>? localLabels) =>
        MetricKindNames.TryParse(metricKind, out var kind)
            ? new(metricName, baseTable, columnName, kind, unit, localLabels ?? [])
            : throw new QueryBuildException(QueryBuildException.InvalidCatalog, $"metric '{metricName}' has unknown kind '{metricKind}' in the catalog");
}
