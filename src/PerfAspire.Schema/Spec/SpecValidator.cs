using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Spec;

/// <summary>
/// Checks a spec before anything is generated from it. Every problem is reported with the offending
/// group, metric, alias or label named, so a bad edit fails the first test run with a message that says
/// what to fix.
/// </summary>
public static class SpecValidator
{
    /// <summary>SQL types a metric column may have (values arrive as doubles; counts may be stored as bigint).</summary>
    public static readonly IReadOnlyList<string> MetricSqlTypes = ["double precision", "bigint", "integer", "real"];

    /// <summary>
    /// Every problem of <paramref name="groups"/>. <paramref name="requireDocs"/> = false skips the documentation
    /// checks (summary, unit, description) for layouts discovered at run time, whose names still must be sound.
    /// </summary>
    public static IReadOnlyList<string> Validate(IEnumerable<TableGroup> groups, bool requireDocs = true)
    {
        var errors = new List<string>();
        var list = groups.ToList();
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        var recordGroups = new HashSet<string>(StringComparer.Ordinal);
        var metricOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliasOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        var reserved = new HashSet<string>(SchemaObjectNames.All, StringComparer.Ordinal);

        foreach (var g in list)
        {
            var where = $"group '{g.RecordGroup}'";
            if (string.IsNullOrWhiteSpace(g.RecordGroup)) errors.Add($"a group with table '{g.Table}' has an empty record group");
            else if (!recordGroups.Add(g.RecordGroup)) errors.Add($"{where}: record group is defined twice");

            if (!SqlIdentifier.IsValid(g.Table)) errors.Add($"{where}: table name '{g.Table}' is not a valid identifier");
            else if (!g.Table.StartsWith("ptops_", StringComparison.Ordinal)) errors.Add($"{where}: table name '{g.Table}' must start with 'ptops_'");
            else if (g.Table == CommonColumns.TextRecordsTable) errors.Add($"{where}: table name '{g.Table}' is reserved for text records");
            else if (tables.TryGetValue(g.Table, out var other)) errors.Add($"{where}: table '{g.Table}' is already used by group '{other}'");
            else tables[g.Table] = g.RecordGroup;

            if (!SqlIdentifier.IsValid(g.Prefix)) errors.Add($"{where}: metric prefix '{g.Prefix}' is not a valid identifier");
            if (!SqlIdentifier.IsValid(g.Category)) errors.Add($"{where}: metric_category '{g.Category}' is not a valid identifier");
            if (!CommonColumns.Filters.Contains(g.Filter)) errors.Add($"{where}: filter '{g.Filter}' is not one of {string.Join(", ", CommonColumns.Filters)}");
            if (requireDocs && string.IsNullOrWhiteSpace(g.Summary)) errors.Add($"{where}: summary is empty");
            if (g.Metrics.Count == 0) errors.Add($"{where}: has no metrics");

            var columns = new HashSet<string>(StringComparer.Ordinal);
            var labels = new HashSet<string>(StringComparer.Ordinal);
            foreach (var l in g.Labels)
            {
                if (!SqlIdentifier.IsValid(l.Name)) errors.Add($"{where}: label '{l.Name}' is not a valid identifier");
                else if (CommonColumns.All.Contains(l.Name)) errors.Add($"{where}: label '{l.Name}' is a common column");
                else if (!labels.Add(l.Name)) errors.Add($"{where}: label '{l.Name}' is defined twice");
                if (!string.Equals(l.SqlType, "text", StringComparison.Ordinal)) errors.Add($"{where}: label '{l.Name}' has type '{l.SqlType}'; labels are text");
                if (requireDocs && string.IsNullOrWhiteSpace(l.Description)) errors.Add($"{where}: label '{l.Name}' has no description");
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in g.Metrics)
            {
                var name = g.MetricName(m);
                var mw = $"{where}, metric '{name}'";
                if (!SqlIdentifier.IsValid(m.Column)) { errors.Add($"{mw}: column '{m.Column}' is not a valid identifier"); continue; }
                if (CommonColumns.All.Contains(m.Column)) errors.Add($"{mw}: column '{m.Column}' is a common column");
                if (labels.Contains(m.Column)) errors.Add($"{mw}: label '{m.Column}' is also a metric column of the group");
                if (!columns.Add(m.Column)) errors.Add($"{mw}: column '{m.Column}' is defined twice in the group");
                if (m.SourceKey is { } key && !keys.Add(key)) errors.Add($"{mw}: source key '{key}' is used by two columns");
                if (!MetricSqlTypes.Contains(m.SqlType)) errors.Add($"{mw}: SQL type '{m.SqlType}' is not one of {string.Join(", ", MetricSqlTypes)}");
                if (requireDocs && string.IsNullOrWhiteSpace(m.Unit)) errors.Add($"{mw}: unit is empty");
                if (requireDocs && string.IsNullOrWhiteSpace(m.Description)) errors.Add($"{mw}: description is empty");

                if (!SqlIdentifier.IsValid(name)) errors.Add($"{mw}: metric name is not a valid identifier (at most {SqlIdentifier.MaxLength} characters)");
                else if (metricOwners.TryGetValue(name, out var owner)) errors.Add($"{mw}: duplicate metric name (also defined by group '{owner}')");
                else metricOwners[name] = g.RecordGroup;
            }
        }

        foreach (var g in list)
        {
            foreach (var m in g.Metrics)
            {
                var name = g.MetricName(m);
                foreach (var alias in m.AliasList)
                {
                    var aw = $"group '{g.RecordGroup}', metric '{name}', alias '{alias}'";
                    if (!SqlIdentifier.IsValid(alias)) errors.Add($"{aw}: not a valid identifier");
                    else if (metricOwners.TryGetValue(alias, out var owner)) errors.Add($"{aw}: collides with a real metric of group '{owner}'");
                    else if (aliasOwners.TryGetValue(alias, out var first)) errors.Add($"{aw}: already an alias of metric '{first}'");
                    else if (tables.ContainsKey(alias) || reserved.Contains(alias)) errors.Add($"{aw}: collides with a table of the schema");
                    else aliasOwners[alias] = name;
                }
            }
        }

        foreach (var (name, owner) in metricOwners)
        {
            if (tables.ContainsKey(name) || reserved.Contains(name) || name.StartsWith("ptops_", StringComparison.Ordinal))
            {
                errors.Add($"group '{owner}', metric '{name}': collides with a table name of the schema (metric names may not start with 'ptops_' or equal a catalog/lifecycle table)");
            }
        }
        return errors;
    }

    /// <summary>Throws <see cref="SchemaSpecException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(IEnumerable<TableGroup> groups)
    {
        var errors = Validate(groups);
        if (errors.Count > 0) throw new SchemaSpecException(errors);
    }
}
