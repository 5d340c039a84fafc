using System.Collections.Concurrent;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Runtime;

/// <summary>
/// Maps ptop record groups (line prefixes as printed: <c>CPU</c>, <c>NET ifstat</c>, <c>SNMP.Ip</c>, <c>FPDTOB</c>) to their
/// live <see cref="TableLayout"/>, and grows the schema when the logs carry something the spec does not know:
/// an unknown <c>FP*</c> prefix becomes a generic key/value table, an unknown key on an extensible group a new column
/// (names: <see cref="DiscoveredNames"/>). Every creation is reported — by the <c>created</c> flag of the call and by
/// <see cref="Changed"/> — so ingestion can run the schema auto-updater before it writes rows that use it.
/// With <see cref="AutoUpdate"/> off nothing is created: callers count <c>unknown_key:&lt;PREFIX&gt;:&lt;key&gt;</c> instead.
/// Thread-safe; one registry can serve concurrent parsers.
/// </summary>
public sealed class SchemaRegistry
{
    readonly object _gate = new();
    readonly ConcurrentDictionary<string, TableLayout> _byRecordGroup = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, TableLayout> _byTable = new(StringComparer.Ordinal);
    readonly Dictionary<TableLayout, int> _discoveredColumns = [];

    public SchemaRegistry(SchemaSpec spec, bool autoUpdate = true, int maxDiscoveredTables = 64, int maxDiscoveredColumnsPerTable = 64)
    {
        Spec = spec;
        AutoUpdate = autoUpdate;
        MaxDiscoveredTables = maxDiscoveredTables;
        MaxDiscoveredColumnsPerTable = maxDiscoveredColumnsPerTable;
        foreach (var group in spec.Groups) Add(new TableLayout(group));
    }

    /// <summary>A registry over <see cref="SchemaSpec.Default"/>.</summary>
    public static SchemaRegistry CreateDefault(bool autoUpdate = true) => new(SchemaSpec.Default, autoUpdate);

    public SchemaSpec Spec { get; }

    /// <summary>SCHEMA_AUTO_UPDATE: when false, unknown tables and columns are never created.</summary>
    public bool AutoUpdate { get; }

    /// <summary>Cap on run-time tables, so garbage input cannot create unbounded DDL.</summary>
    public int MaxDiscoveredTables { get; }

    /// <summary>Cap on run-time columns per table.</summary>
    public int MaxDiscoveredColumnsPerTable { get; }

    /// <summary>Raised (on the creating thread, before the first row that uses it) for every new table or column.</summary>
    public event Action<SchemaChange>? Changed;

    /// <summary>All layouts: the spec's groups, then discovered or restored ones.</summary>
    public IReadOnlyCollection<TableLayout> Layouts => [.. _byTable.Values];

    public TableLayout? ByRecordGroup(string recordGroup) => _byRecordGroup.GetValueOrDefault(recordGroup);

    public TableLayout? ByTable(string table) => _byTable.GetValueOrDefault(table);

    /// <summary>
    /// Registers a table known from an earlier run (e.g. restored from the catalog) without raising <see cref="Changed"/>.
    /// Returns the existing layout when the record group is already registered.
    /// </summary>
    public TableLayout Restore(TableGroup group)
    {
        lock (_gate)
        {
            if (_byRecordGroup.TryGetValue(group.RecordGroup, out var existing)) return existing;
            if (_byTable.ContainsKey(group.Table)) throw new InvalidOperationException($"Table {group.Table} is already registered for another record group.");
            var layout = new TableLayout(group);
            Add(layout);
            return layout;
        }
    }

    /// <summary>
    /// The layout for a fast-path prefix the spec does not know (<c>FPDTOB</c>, ...): created on first sight when
    /// auto-update is on. Returns null (nothing created) when auto-update is off, the prefix is not an <c>FP*</c> token,
    /// its table name is taken by another group, or the discovered-table cap is reached.
    /// </summary>
    public TableLayout? GetOrCreateFastPathTable(string prefix, out bool created)
    {
        created = false;
        if (_byRecordGroup.TryGetValue(prefix, out var known)) return known;
        if (!AutoUpdate || !DiscoveredNames.IsFastPathPrefix(prefix)) return null;
        TableLayout layout;
        lock (_gate)
        {
            if (_byRecordGroup.TryGetValue(prefix, out known)) return known;
            var group = DiscoveredNames.FastPathGroup(prefix);
            if (_byTable.ContainsKey(group.Table)) return null;
            if (_byTable.Count - Spec.Groups.Count >= MaxDiscoveredTables) return null;
            layout = new TableLayout(group);
            Add(layout);
            created = true;
        }
        Changed?.Invoke(new SchemaChange(layout, null, null));
        return layout;
    }

    /// <summary>
    /// The index of the column printed under <paramref name="sourceKey"/> in <paramref name="layout"/>, adding it as a
    /// discovered column (named by <see cref="DiscoveredNames"/>) when auto-update is on and the group is extensible.
    /// A restored column with the rule's name but no source key is adopted. Returns -1 when nothing may be created.
    /// </summary>
    public int GetOrAddColumn(TableLayout layout, string sourceKey, MetricKind kind, out bool created)
        => GetOrAddColumn(layout, sourceKey, kind, null, out created);

    /// <summary>As <see cref="GetOrAddColumn(TableLayout, string, MetricKind, out bool)"/> with an explicit column name (BUDDY orders).</summary>
    public int GetOrAddColumn(TableLayout layout, string sourceKey, MetricKind kind, string? columnName, out bool created)
    {
        created = false;
        var index = layout.IndexOfKey(sourceKey);
        if (index >= 0) return index;
        if (!AutoUpdate || !layout.Group.Extensible) return -1;
        MetricSpec metric;
        lock (_gate)
        {
            index = layout.IndexOfKey(sourceKey);
            if (index >= 0) return index;
            var count = _discoveredColumns.GetValueOrDefault(layout);
            if (count >= MaxDiscoveredColumnsPerTable) return -1;

            string column;
            if (columnName is not null)
            {
                column = columnName;
                var taken = IndexOfColumn(layout, column);
                if (taken >= 0) return layout.Metrics[taken].SourceKey is null ? taken : -1;
            }
            else
            {
                column = "";
                for (var ordinal = 1; ; ordinal++)
                {
                    column = DiscoveredNames.Build(sourceKey, kind, layout.Group.Prefix, ordinal);
                    var taken = IndexOfColumn(layout, column);
                    if (taken < 0) break;
                    // A column restored from the catalog carries no source key: the same rule produced it, adopt it.
                    if (ordinal == 1 && layout.Metrics[taken].SourceKey is null && taken >= layout.Group.Metrics.Count) return taken;
                }
            }

            metric = new MetricSpec(column, kind, kind == MetricKind.Counter ? "count" : "",
                $"Discovered at load time from key '{sourceKey}' on {layout.Group.RecordGroup} lines; not described by the spec yet.",
                $"Value printed after key '{sourceKey}'.", [], "double precision", sourceKey);
            index = layout.AddDiscovered(metric);
            _discoveredColumns[layout] = count + 1;
            created = true;
        }
        Changed?.Invoke(new SchemaChange(layout, metric, sourceKey));
        return index;
    }

    static int IndexOfColumn(TableLayout layout, string column)
    {
        var metrics = layout.Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            if (string.Equals(metrics[i].Column, column, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    void Add(TableLayout layout)
    {
        _byRecordGroup[layout.Group.RecordGroup] = layout;
        _byTable[layout.Table] = layout;
    }
}
