using PerfAspire.Schema.Spec;

namespace PerfAspire.Mcp.Catalog;

/// <summary>One row of <c>metric_catalog</c> joined with its table's record group and category.</summary>
public sealed record CatalogMetric(
    string Name,
    string BaseTable,
    string Column,
    string Kind,
    string? Unit,
    string? Description,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Labels,
    string RecordGroup,
    string Category)
{
    /// <summary>The view selecting this metric is named exactly as the metric.</summary>
    public string View => Name;

    /// <summary>Id of the metric's L1 doc in the docs service.</summary>
    public string DocId => $"field:{RecordGroup}:{Name}";

    public MetricKind? ParsedKind => MetricKindNames.TryParse(Kind, out var k) ? k : null;
}
