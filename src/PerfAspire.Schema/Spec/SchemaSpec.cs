namespace PerfAspire.Schema.Spec;

/// <summary>
/// The declarative spec of every ptop record group.
/// Everything else — DDL, views, catalogs, docs, parser layouts — is generated from it.
/// </summary>
public sealed class SchemaSpec
{
    readonly Dictionary<string, TableGroup> _byTable;
    readonly Dictionary<string, TableGroup> _byRecordGroup;

    /// <summary>Builds a spec; throws <see cref="SchemaSpecException"/> naming every offender when it is inconsistent.</summary>
    public SchemaSpec(IEnumerable<TableGroup> groups)
    {
        Groups = [.. groups];
        SpecValidator.ThrowIfInvalid(Groups);
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

    /// <summary>The group that owns <paramref name="metricName"/> (canonical name or alias), or null.</summary>
    public (TableGroup Group, MetricSpec Metric)? FindMetric(string metricName)
    {
        foreach (var (g, m, name) in Metrics)
        {
            if (name == metricName || m.AliasList.Contains(metricName)) return (g, m);
        }
        return null;
    }

    /// <summary>Every (group, metric) with its public metric name.</summary>
    public IEnumerable<(TableGroup Group, MetricSpec Metric, string Name)> Metrics =>
        Groups.SelectMany(g => g.Metrics.Select(m => (g, m, g.MetricName(m))));
}
