namespace PerfAspire.Mcp.Catalog;

/// <summary>One row of <c>table_schemas</c>. Column dictionaries keep the catalog's order where it has one.</summary>
public sealed record CatalogTable(
    string Name,
    string RecordGroup,
    string Category,
    IReadOnlyList<string> GlobalColumns,
    IReadOnlyList<KeyValuePair<string, string>> LocalColumns,
    IReadOnlyList<KeyValuePair<string, string>> MetricColumns);
