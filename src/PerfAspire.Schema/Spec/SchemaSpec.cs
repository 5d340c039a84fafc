namespace PerfAspire.Schema.Spec;

/// <summary>
/// The declarative spec of every ptop record group (seed §12 "Declarative Schema Specification").
/// Everything else — DDL, views, catalogs, docs, parser layouts — is generated from it.
/// </summary>
public sealed class SchemaSpec
{
    readonly Dictionary<string, TableGroup> _byTable;
    readonly Dictionary<string, TableGroup> _byRecordGroup;

    public SchemaSpec(IEnumerable<TableGroup> groups)
    {
        Groups = [.. groups];
        _byTable = Groups.ToDictionary(g => g.Table, StringComparer.Ordinal);
        _byRecordGroup = Groups.ToDictionary(g => g.RecordGroup, StringComparer.Ordinal);
    }

    /// <summary>The spec this build ships.</summary>
    public static SchemaSpec Default { get; } = new(
        SystemGroups.All()
            .Concat(ProcessGroups.All())
            .Concat(DatabaseGroups.All())
            .Concat(ContainerGroups.All())
            .Concat(FastPathGroups.All()));

    public IReadOnlyList<TableGroup> Groups { get; }

    public TableGroup? ByTable(string table) => _byTable.GetValueOrDefault(table);

    public TableGroup? ByRecordGroup(string recordGroup) => _byRecordGroup.GetValueOrDefault(recordGroup);

    /// <summary>Every (group, metric) with its public metric name.</summary>
    public IEnumerable<(TableGroup Group, MetricSpec Metric, string Name)> Metrics =>
        Groups.SelectMany(g => g.Metrics.Select(m => (g, m, g.MetricName(m))));
}
