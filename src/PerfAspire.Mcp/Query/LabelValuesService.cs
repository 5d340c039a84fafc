using System.Collections.Concurrent;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Distinct values of one label of one metric in one bundle, paged. A loaded bundle does not change (only a
/// reload with more categories, which moves <c>loaded_at</c>), so pages are cached per bundle load: the first
/// call on a high-cardinality label (TOP pid) scans, the next ones are memory reads.
/// </summary>
public sealed class LabelValuesService(ReadOnlySessionFactory sessions, MetricCatalog catalog, BundleScope bundles, QueryRunner runner, SeriesRollup rollup)
{
    const int MaxCachedPages = 2_000;

    readonly ConcurrentDictionary<string, IReadOnlyList<string>> _pages = new(StringComparer.Ordinal);

    public sealed record Page(CatalogMetric Metric, string? AliasUsed, string Label, BundleContext Bundle, IReadOnlyList<string> Values, bool Truncated, EmptyResult? Empty);

    public async Task<Page> GetAsync(string? metricName, string? labelName, string? bundleId, int limit, int offset, CancellationToken ct)
    {
        var (_, metric, alias) = await catalog.ResolveAsync(metricName, ct);
        var label = CatalogSnapshot.ResolveLabel(metric, labelName);
        await using var session = await sessions.OpenAsync(ct);
        var bundle = await bundles.ResolveAsync(session, bundleId, ct);
        var key = string.Join('\u001f', bundle.BundleId, bundle.LoadedAt?.UtcTicks, bundle.State, metric.View, label, limit, offset);
        if (!_pages.TryGetValue(key, out var values))
        {
            var sql = await rollup.HasRowsAsync(session, bundle.BundleId, metric.View, ct)
                ? FromRollup(sessions.Schema, label)
                : IsIndexed(metric, label) ? LooseIndexScan(sessions.Schema, metric, label) : Distinct(sessions.Schema, metric, label);
            var rows = await runner.RunAsync(session, new RenderedQuery(sql,
                [new QueryParameter("bundle_id", bundle.BundleId), new QueryParameter("metric", metric.View),
                 new QueryParameter("row_limit", limit + 1), new QueryParameter("offset", offset)], Positional: true), limit + 1, ct);
            values = [.. rows.Rows.Select(r => r[0]?.ToString() ?? "")];
            if (_pages.Count >= MaxCachedPages) _pages.Clear();
            _pages[key] = values;
        }
        var truncated = values.Count > limit;
        var shown = truncated ? values.Take(limit).ToList() : values;
        EmptyResult? empty = null;
        if (shown.Count == 0)
        {
            var view = SqlIdentifier.Qualified(sessions.Schema, metric.View);
            var any = await runner.ScalarAsync<bool>(session, $"SELECT EXISTS (SELECT 1 FROM {view} WHERE bundle_id = @bundle_id)", [new QueryParameter("bundle_id", bundle.BundleId)], ct);
            empty = !any
                ? new EmptyResult(EmptyResult.NoDataForMetric,
                    $"{metric.Name} has no samples in bundle {bundle.BundleId}, so {label} has no values there.",
                    $"Call schema_list_metrics {{\"category\": \"{metric.Category}\"}} for metrics of this area, or check support_active_context.")
                : offset > 0
                    ? new EmptyResult("offset_past_end", $"offset {offset} is past the last value of {label}.", "Use a smaller offset (0 starts from the first value).")
                    : new EmptyResult("label_always_null", $"{label} is empty (NULL) on every sample of {metric.Name} in this bundle.", "Query the metric without filtering on this label.");
        }
        return new Page(metric, alias, label, bundle, shown, truncated, empty);
    }

    // Every variant binds $1 bundle_id, $2 metric, $3 row_limit, $4 offset ($2 only used by the rollup: "$2::text IS NOT NULL"
    // keeps the parameter typed where the query does not need it).

    /// <summary>From the series rollup: one row per series instead of one per sample.</summary>
    internal static string FromRollup(string schema, string label)
    {
        var value = WholeWindowSql.LabelValue(label);
        return $"""
            SELECT DISTINCT {value} AS {SqlIdentifier.Quote(label)}
            FROM {SqlIdentifier.Qualified(schema, WholeWindowSql.RollupTable)}
            WHERE bundle_id = $1 AND metric = $2 AND {value} IS NOT NULL
            ORDER BY 1 LIMIT $3 OFFSET $4
            """;
    }

    /// <summary>
    /// A label leading an index (label, bundle_id, ts): walk its distinct values through the index, one probe per value
    /// ("loose index scan"), instead of letting the planner read every sample of the bundle. Values come out ascending.
    /// </summary>
    internal static string LooseIndexScan(string schema, CatalogMetric metric, string label)
    {
        var table = SqlIdentifier.Qualified(schema, metric.BaseTable);
        var l = SqlIdentifier.Quote(label);
        var c = SqlIdentifier.Quote(metric.Column);
        return $"""
            WITH RECURSIVE walk(v) AS (
              (SELECT min({l}) FROM {table} WHERE bundle_id = $1 AND {l} IS NOT NULL AND {c} IS NOT NULL AND $2::text IS NOT NULL)
              UNION ALL
              SELECT (SELECT min({l}) FROM {table} WHERE bundle_id = $1 AND {l} > walk.v AND {c} IS NOT NULL)
              FROM walk WHERE walk.v IS NOT NULL
            )
            SELECT v AS {l} FROM walk WHERE v IS NOT NULL LIMIT $3 OFFSET $4
            """;
    }

    internal static string Distinct(string schema, CatalogMetric metric, string label)
    {
        var col = SqlIdentifier.Quote(label);
        return $"SELECT DISTINCT {col} FROM {SqlIdentifier.Qualified(schema, metric.View)} WHERE bundle_id = $1 AND {col} IS NOT NULL AND $2::text IS NOT NULL ORDER BY 1 LIMIT $3 OFFSET $4";
    }

    /// <summary>Whether the spec indexes this label (label, bundle_id, ts); tables discovered at run time have no such index.</summary>
    static bool IsIndexed(CatalogMetric metric, string label) =>
        SchemaSpec.Default.Groups.FirstOrDefault(g => g.Table == metric.BaseTable)?.Labels.Any(l => l.Name == label && l.Indexed) == true;
}
