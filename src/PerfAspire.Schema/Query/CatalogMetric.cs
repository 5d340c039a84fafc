using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Query;

/// <summary>
/// One metric as the catalog describes it: a row of <c>metric_catalog</c> (or the spec entry it was generated from)
/// joined with its table's record group and category. The kind is parsed once, when the row is read; a row with an
/// unknown kind never becomes a <see cref="CatalogMetric"/>. Every name here is an identifier that
/// <see cref="Sql.SqlIdentifier"/> checks before it reaches SQL.
/// </summary>
/// <param name="Name">Canonical metric name = view name.</param>
/// <param name="Table">Base table (metric_catalog.base_table).</param>
/// <param name="Column">Column in the base table (metric_catalog.column_name).</param>
/// <param name="Kind">Metric kind (metric_catalog.metric_kind).</param>
/// <param name="Unit">Unit, for display.</param>
/// <param name="Labels">Local labels in table order (metric_catalog.local_labels).</param>
public sealed record CatalogMetric(string Name, string Table, string Column, MetricKind Kind, string? Unit, IReadOnlyList<string> Labels)
{
    public string? Description { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The ptop record group of the base table (e.g. <c>DBWR</c>); the table name when unknown.</summary>
    public string RecordGroup { get; init; } = Table;

    /// <summary>The table's metric category (system, process, database, ...); empty when unknown.</summary>
    public string Category { get; init; } = "";

    /// <summary>The view selecting this metric is named exactly as the metric.</summary>
    public string View => Name;

    /// <summary>The catalog spelling of <see cref="Kind"/> (gauge, counter, ...).</summary>
    public string KindName => Kind.ToSql();

    /// <summary>Id of the metric's L1 doc in the docs service.</summary>
    public string DocId => $"field:{RecordGroup}:{Name}";

    public bool IsCounter => Kind == MetricKind.Counter;

    public static CatalogMetric FromSpec(TableGroup group, MetricSpec metric) =>
        new(group.MetricName(metric), group.Table, metric.Column, metric.Kind, metric.Unit, [.. group.LabelNames])
        {
            Description = metric.Description,
            Aliases = metric.AliasList,
            RecordGroup = group.RecordGroup,
            Category = group.Category,
        };

    /// <summary>From metric_catalog column values; throws <see cref="QueryBuildException"/> for an unknown kind.</summary>
    public static CatalogMetric FromCatalog(string metricName, string baseTable, string columnName, string metricKind, string? unit, IReadOnlyList<string>? localLabels) =>
        TryFromCatalog(metricName, baseTable, columnName, metricKind, unit, localLabels)
        ?? throw new QueryBuildException(QueryBuildException.InvalidCatalog, $"metric '{metricName}' has unknown kind '{metricKind}' in the catalog");

    /// <summary>From metric_catalog column values; null for an unknown kind.</summary>
    public static CatalogMetric? TryFromCatalog(string metricName, string baseTable, string columnName, string metricKind, string? unit, IReadOnlyList<string>? localLabels) =>
        MetricKindNames.TryParse(metricKind, out var kind) ? new(metricName, baseTable, columnName, kind, unit, localLabels ?? []) : null;
}
