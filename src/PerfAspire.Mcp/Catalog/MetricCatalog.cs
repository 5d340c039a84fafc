using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// Reads <c>metric_catalog</c> and <c>table_schemas</c> (through the read-only session) and keeps a snapshot
/// for <see cref="QueryOptions.CatalogCacheSeconds"/>. A name that is not in the snapshot triggers one early
/// re-read, so metrics created at run time (SCHEMA_AUTO_UPDATE) are found without waiting. When the catalog
/// tables cannot be read, the snapshot comes from the compiled spec and says so in <see cref="Warning"/>.
/// </summary>
public sealed class MetricCatalog(ReadOnlySessionFactory sessions, ILogger<MetricCatalog> logger)
{
    static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(2);

    readonly SemaphoreSlim _gate = new(1, 1);
    CatalogSnapshot? _snapshot;
    long _loadedAt;

    /// <summary>Set when the last load could not use the database (<c>timescale_unavailable</c> or <c>catalog_missing</c>).</summary>
    public string? Warning { get; private set; }

    public async Task<CatalogSnapshot> GetAsync(CancellationToken ct)
    {
        var s = _snapshot;
        if (s is not null && Stopwatch.GetElapsedTime(_loadedAt) < TimeSpan.FromSeconds(sessions.Options.CatalogCacheSeconds)) return s;
        return await ReloadAsync(s, ct);
    }

    /// <summary>Resolves a metric name or alias, re-reading the catalog once if the name is new to us.</summary>
    public async Task<(CatalogSnapshot Snapshot, CatalogMetric Metric, string? AliasUsed)> ResolveAsync(string? name, CancellationToken ct)
    {
        var snapshot = await GetAsync(ct);
        try
        {
            var (m, alias) = snapshot.Resolve(name);
            return (snapshot, m, alias);
        }
        catch (ToolError e) when (e.Code == "metric_not_found" && Stopwatch.GetElapsedTime(_loadedAt) > MissRefreshInterval)
        {
            snapshot = await ReloadAsync(snapshot, ct);
            var (m, alias) = snapshot.Resolve(name);
            return (snapshot, m, alias);
        }
    }

    public void Invalidate() => _loadedAt = 0;

    async Task<CatalogSnapshot> ReloadAsync(CatalogSnapshot? seen, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // Someone else reloaded while we waited.
            if (_snapshot is not null && !ReferenceEquals(_snapshot, seen)) return _snapshot;
            try
            {
                _snapshot = await LoadAsync(ct);
                Warning = null;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
            {
                logger.LogWarning("Catalog tables are missing ({State}); serving the compiled spec.", e.SqlState);
                _snapshot = CatalogSnapshot.FromSpec(SchemaSpec.Default);
                Warning = "catalog_missing";
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && _snapshot is null)
            {
                logger.LogWarning("Database unreachable ({Cause}); serving the compiled spec as the catalog.", PerfAspire.Schema.FailureCause.Describe(e));
                _snapshot = CatalogSnapshot.FromSpec(SchemaSpec.Default);
                Warning = "timescale_unavailable";
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Keep the last good snapshot; it is only a cache of slowly changing rows.
                logger.LogWarning("Catalog refresh failed ({Cause}); keeping the previous snapshot.", PerfAspire.Schema.FailureCause.Describe(e));
                Warning = "timescale_unavailable";
            }
            _loadedAt = Stopwatch.GetTimestamp();
            return _snapshot ?? CatalogSnapshot.FromSpec(SchemaSpec.Default);
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<CatalogSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        var tables = new List<CatalogTable>();
        await using (var cmd = session.Command(CatalogSql.Tables(sessions.Schema)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var name = r.GetString(0);
                var spec = SchemaSpec.Default.ByTable(name);
                tables.Add(new CatalogTable(
                    name, r.GetString(1), r.GetString(2),
                    r.IsDBNull(3) ? CommonColumns.All : r.GetFieldValue<string[]>(3),
                    Ordered(ParseColumns(r.IsDBNull(4) ? null : r.GetString(4)), spec?.LabelNames.ToList()),
                    Ordered(ParseColumns(r.IsDBNull(5) ? null : r.GetString(5)), spec?.Metrics.Select(m => m.Column).ToList())));
            }
        }
        var byTable = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var metrics = new List<CatalogMetric>();
        await using (var cmd = session.Command(CatalogSql.Metrics(sessions.Schema)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                var baseTable = r.GetString(1);
                var table = byTable.GetValueOrDefault(baseTable);
                var group = table?.RecordGroup ?? SchemaSpec.Default.ByTable(baseTable)?.RecordGroup ?? baseTable;
                // A row with a kind this server does not know is left out: no pattern could be chosen for it.
                var metric = CatalogMetric.TryFromCatalog(
                    r.GetString(0), baseTable, r.GetString(2), r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetString(4),
                    r.IsDBNull(7) ? [] : r.GetFieldValue<string[]>(7));
                if (metric is null) continue;
                metrics.Add(metric with
                {
                    Description = r.IsDBNull(5) ? null : r.GetString(5),
                    Aliases = r.IsDBNull(6) ? [] : r.GetFieldValue<string[]>(6),
                    RecordGroup = group,
                    Category = table?.Category ?? "",
                });
            }
        }
        return new CatalogSnapshot(metrics, tables, "database");
    }

    static List<KeyValuePair<string, string>> ParseColumns(string? json)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(json)) return list;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) return list;
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            list.Add(KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()));
        }
        return list;
    }

    /// <summary>JSONB forgets key order; put columns back in spec order (unknown ones after, as found).</summary>
    static List<KeyValuePair<string, string>> Ordered(List<KeyValuePair<string, string>> columns, List<string>? specOrder)
    {
        if (specOrder is null) return columns;
        return [.. columns.OrderBy(c => specOrder.IndexOf(c.Key) is var i && i >= 0 ? i : int.MaxValue)];
    }
}
