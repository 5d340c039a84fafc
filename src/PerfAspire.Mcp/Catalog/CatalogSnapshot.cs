using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// An immutable view of the catalogs (<c>metric_catalog</c>, <c>table_schemas</c>): the whitelist every SQL
/// identifier is looked up in, with alias resolution and closest-name suggestions for the model.
/// </summary>
public sealed class CatalogSnapshot
{
    readonly Dictionary<string, CatalogMetric> _byName;
    readonly Dictionary<string, string> _aliasToName;
    readonly Dictionary<string, CatalogTable> _tables;

    public CatalogSnapshot(IEnumerable<CatalogMetric> metrics, IEnumerable<CatalogTable> tables, string source)
    {
        Source = source;
        Metrics = [.. metrics.Where(IsUsable).OrderBy(m => m.Name, StringComparer.Ordinal)];
        _byName = Metrics.ToDictionary(m => m.Name, StringComparer.Ordinal);
        _aliasToName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in Metrics)
        {
            foreach (var a in m.Aliases)
            {
                if (!_byName.ContainsKey(a)) _aliasToName.TryAdd(a, m.Name);
            }
        }
        Tables = [.. tables.Where(t => SqlIdentifier.IsValid(t.Name)).OrderBy(t => t.RecordGroup, StringComparer.Ordinal)];
        _tables = Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the snapshot came from: <c>database</c> or <c>spec</c> (catalog tables missing).</summary>
    public string Source { get; }

    public IReadOnlyList<CatalogMetric> Metrics { get; }

    public IReadOnlyList<CatalogTable> Tables { get; }

    public CatalogTable? Table(string name) => _tables.GetValueOrDefault(name);

    public CatalogMetric? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Resolves a metric name or alias; an unknown name is a <see cref="ToolError"/> listing the closest names.</summary>
    public (CatalogMetric Metric, string? AliasUsed) Resolve(string? name)
    {
        var wanted = (name ?? "").Trim();
        if (wanted.Length == 0)
        {
            throw new ToolError("invalid_argument", "A metric name is required.", next: "Call schema_list_metrics to see the metric names.");
        }
        if (wanted.Length <= 200)
        {
            var lower = wanted.ToLowerInvariant();
            if (_byName.TryGetValue(lower, out var m)) return (m, null);
            if (_aliasToName.TryGetValue(lower, out var canonical)) return (_byName[canonical], lower);
        }
        var closest = ClosestNames.Find(wanted, _byName.Keys.Concat(_aliasToName.Keys));
        throw new ToolError("metric_not_found",
            $"No metric or alias named '{Clip(wanted)}'. Closest names: {string.Join(", ", closest)}.",
            closest,
            "Use one of the closest names, or call docs_search_metrics with a description of what you want to measure, or schema_list_metrics.");
    }

    /// <summary>The label columns a metric can be filtered or grouped by: its local labels (host is one per bundle).</summary>
    public static IReadOnlyList<string> FilterableLabels(CatalogMetric metric) => metric.Labels;

    /// <summary>Checks a label name against the metric's labels; unknown names are errors listing the valid ones.</summary>
    public static string ResolveLabel(CatalogMetric metric, string? label)
    {
        var valid = FilterableLabels(metric);
        var wanted = (label ?? "").Trim();
        if (wanted.Length is > 0 and <= 63)
        {
            var lower = wanted.ToLowerInvariant();
            if (valid.Contains(lower)) return lower;
        }
        var closest = ClosestNames.Find(wanted, valid);
        throw new ToolError("label_not_found",
            valid.Count == 0
                ? $"Metric {metric.Name} has no labels (one series per bundle), so '{Clip(wanted)}' cannot be used."
                : $"Metric {metric.Name} has no label '{Clip(wanted)}'. Its labels: {string.Join(", ", valid)}.",
            closest,
            valid.Count == 0 ? "Leave filters and group_by out for this metric." : $"Use one of: {string.Join(", ", valid)} (schema_describe_metric shows them).");
    }

    public static string Clip(string s) => Text.Clip(s);

    static bool IsUsable(CatalogMetric m) =>
        SqlIdentifier.IsValid(m.Name) && SqlIdentifier.IsValid(m.Table) && SqlIdentifier.IsValid(m.Column)
        && m.Labels.All(SqlIdentifier.IsValid);

    /// <summary>The catalog as the spec generates it; used when the catalog tables are not readable.</summary>
    public static CatalogSnapshot FromSpec(SchemaSpec spec)
    {
        var metrics = spec.Metrics.Select(x => CatalogMetric.FromSpec(x.Group, x.Metric));
        var tables = spec.Groups.Select(g => new CatalogTable(
            g.Table, g.RecordGroup, g.Category, CommonColumns.All,
            [.. g.Labels.Select(l => KeyValuePair.Create(l.Name, l.SqlType))],
            [.. g.Metrics.Select(m => KeyValuePair.Create(m.Column, m.SqlType))]));
        return new CatalogSnapshot(metrics, tables, "spec");
    }
}
