using Microsoft.Extensions.Logging;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Database;

/// <summary>
/// Makes the database match a <see cref="TableLayout"/> at run time (SCHEMA_AUTO_UPDATE): a new fast-path
/// prefix becomes a table, an unknown key a column, each with its view and catalog rows. Changes run in one
/// transaction under the same advisory lock as migrations, re-checking inside the lock, so concurrent loads
/// that meet the same new key create it once. Known layouts are remembered, so repeated calls cost nothing.
/// <para>
/// Adding a column takes a brief exclusive lock on the table: call this before writing rows of the grown
/// layout and not while one of your own transactions still holds that table (flush its pending batch first).
/// </para>
/// </summary>
public sealed class SchemaAutoUpdater(NpgsqlDataSource dataSource, DatabaseSettings settings, ILogger<SchemaAutoUpdater>? logger = null)
{
    readonly Lock _gate = new();
    readonly Dictionary<string, HashSet<string>> _known = new(StringComparer.Ordinal);

    /// <summary>How long a change may wait for table locks before failing with a clear error.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<AutoUpdateResult> EnsureAsync(TableLayout layout, CancellationToken ct = default)
    {
        var group = layout.Group with { Metrics = [.. layout.Metrics] };
        var wanted = WantedObjects(group);
        lock (_gate)
        {
            if (_known.TryGetValue(group.Table, out var known) && known.IsSupersetOf(wanted)) return new AutoUpdateResult(group.Table, [], []);
        }

        var errors = SpecValidator.Validate([group], requireDocs: false);
        if (errors.Count > 0)
        {
            SchemaMetrics.AutoCreateErrors.Add(1, new KeyValuePair<string, object?>("table", group.Table));
            throw new SchemaAutoUpdateException($"cannot extend table '{group.Table}': {string.Join("; ", errors)}");
        }

        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            if (!settings.SchemaAutoUpdate)
            {
                var missing = await MissingAsync(conn, group, ct);
                Remember(group.Table, wanted);
                if (missing.Objects.Count > 0)
                {
                    SchemaMetrics.AutoUpdateSkipped.Add(missing.Objects.Count, new KeyValuePair<string, object?>("table", group.Table));
                    logger?.LogWarning("SCHEMA_AUTO_UPDATE is off: not creating {Objects} for {Table}; their values are not stored", string.Join(", ", missing.Objects), group.Table);
                }
                return new AutoUpdateResult(group.Table, [], missing.Objects);
            }

            await using var tx = await conn.BeginTransactionAsync(ct);
            await SchemaMigrator.ExecAsync(conn, $"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'", ct);
            await SchemaMigrator.ExecAsync(conn, "SELECT pg_advisory_xact_lock($1)", ct, SchemaLock.KeyFor(settings.Schema));
            var state = await MissingAsync(conn, group, ct);
            await CheckColumnCapAsync(conn, group.Table, state, ct);
            if (state.Objects.Count > 0 || state.CatalogRowsMissing)
            {
                var timescale = await TimescaleAsync(conn, ct);
                var script = SchemaScript.ForGroup(group, SchemaScriptOptions.From(settings, timescale), state.TableExists, state.ExistingViews);
                await SchemaMigrator.ExecAsync(conn, script, ct);
            }
            await tx.CommitAsync(ct);
            Remember(group.Table, wanted);

            foreach (var created in state.Objects)
            {
                SchemaMetrics.AutoCreates.Add(1, new KeyValuePair<string, object?>("object", created[..created.IndexOf(':')]), new KeyValuePair<string, object?>("table", group.Table));
            }
            if (state.Objects.Count > 0) logger?.LogInformation("Schema auto-update created {Objects}", string.Join(", ", state.Objects));
            return new AutoUpdateResult(group.Table, state.Objects, []);
        }
        catch (SchemaAutoUpdateException e)
        {
            SchemaMetrics.AutoCreateErrors.Add(1, new KeyValuePair<string, object?>("table", group.Table));
            logger?.LogError("{Message}", e.Message);
            throw;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            SchemaMetrics.AutoCreateErrors.Add(1, new KeyValuePair<string, object?>("table", group.Table));
            logger?.LogError(e, "Schema auto-update of {Table} failed", group.Table);
            var detail = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message;
            throw new SchemaAutoUpdateException($"cannot extend table '{group.Table}': {detail}", e);
        }
    }

    /// <summary>
    /// The cap counts what the database holds (every load's columns, dropped ones included: PostgreSQL counts them
    /// toward its 1,600), not what this load added, so bundle after bundle cannot grow a table without bound.
    /// </summary>
    async Task CheckColumnCapAsync(NpgsqlConnection conn, string table, SchemaState state, CancellationToken ct)
    {
        var adding = state.Objects.Count(o => o.StartsWith("column:", StringComparison.Ordinal));
        if (!state.TableExists || adding == 0) return;
        long existing;
        await using (var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = settings.Schema });
            cmd.Parameters.Add(new NpgsqlParameter { Value = table });
            existing = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        if (existing + adding <= settings.MaxTableColumns) return;
        throw new SchemaAutoUpdateException(
            $"{SchemaAutoUpdateException.ColumnCapCode}: table '{table}' has {existing} columns and this load would add {adding}, past SCHEMA_MAX_TABLE_COLUMNS={settings.MaxTableColumns}; " +
            "the bundle carries more new keys than the schema accepts. Load it with SCHEMA_AUTO_UPDATE=false (unknown keys are then counted, not stored) or raise the cap (PostgreSQL's limit is 1,600).",
            code: SchemaAutoUpdateException.ColumnCapCode);
    }

    void Remember(string table, HashSet<string> objects)
    {
        lock (_gate)
        {
            if (_known.TryGetValue(table, out var known)) known.UnionWith(objects);
            else _known[table] = objects;
        }
    }

    static HashSet<string> WantedObjects(TableGroup g)
    {
        var set = new HashSet<string>(StringComparer.Ordinal) { "table:" + g.Table };
        foreach (var l in g.Labels) set.Add($"column:{g.Table}.{l.Name}");
        foreach (var m in g.Metrics)
        {
            set.Add($"column:{g.Table}.{m.Column}");
            set.Add("view:" + g.MetricName(m));
            foreach (var a in m.AliasList) set.Add("view:" + a);
        }
        return set;
    }

    sealed record SchemaState(bool TableExists, IReadOnlySet<string> ExistingViews, List<string> Objects, bool CatalogRowsMissing);

    async Task<SchemaState> MissingAsync(NpgsqlConnection conn, TableGroup g, CancellationToken ct)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var tableExists = false;
        await using (var cmd = new NpgsqlCommand(
            "SELECT a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped WHERE n.nspname = $1 AND c.relname = $2", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = settings.Schema });
            cmd.Parameters.Add(new NpgsqlParameter { Value = g.Table });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                tableExists = true;
                if (!r.IsDBNull(0)) columns.Add(r.GetString(0));
            }
        }

        var viewNames = g.Metrics.SelectMany(m => m.AliasList.Prepend(g.MetricName(m))).ToArray();
        var views = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT viewname FROM pg_views WHERE schemaname = $1 AND viewname = ANY($2)", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = settings.Schema });
            cmd.Parameters.Add(new NpgsqlParameter { Value = viewNames });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) views.Add(r.GetString(0));
        }

        // A metric name already owned by another table/column (a discovered prefix clashing with a spec one)
        // must fail loudly: creating nothing would silently drop the values, replacing would break the other metric.
        var metricNames = g.Metrics.Select(g.MetricName).ToArray();
        var catalogRows = 0;
        await using (var cmd = new NpgsqlCommand($"SELECT metric_name, base_table, column_name FROM {SqlIdentifier.Qualify(settings.Schema, SchemaObjectNames.MetricCatalog)} WHERE metric_name = ANY($1)", conn))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = metricNames });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var name = r.GetString(0);
                var owner = g.Metrics.First(m => g.MetricName(m) == name);
                if (r.GetString(1) != g.Table || r.GetString(2) != owner.Column)
                {
                    throw new SchemaAutoUpdateException($"cannot extend table '{g.Table}': metric name '{name}' already belongs to {r.GetString(1)}.{r.GetString(2)}");
                }
                catalogRows++;
            }
        }

        var missing = new List<string>();
        if (!tableExists) missing.Add("table:" + g.Table);
        // A new table comes with all its columns: count the table, not each column.
        else missing.AddRange(g.Labels.Select(l => l.Name).Concat(g.Metrics.Select(m => m.Column)).Where(c => !columns.Contains(c)).Select(c => $"column:{g.Table}.{c}"));
        missing.AddRange(viewNames.Where(v => !views.Contains(v)).Select(v => "view:" + v));
        return new SchemaState(tableExists, views, missing, catalogRows < metricNames.Length);
    }

    static async Task<bool> TimescaleAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
