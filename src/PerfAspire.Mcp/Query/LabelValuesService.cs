using System.Collections.Concurrent;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;

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
            var (schema, rowLimit) = (sessions.Schema, limit + 1);
            var query = await rollup.HasRowsAsync(session, bundle.BundleId, metric.View, ct)
                ? LabelValueSql.FromRollup(schema, metric, label, bundle.BundleId, rowLimit, offset)
                : LabelValueSql.IsIndexed(metric, label)
                    ? LabelValueSql.LooseIndexScan(schema, metric, label, bundle.BundleId, rowLimit, offset)
                    : LabelValueSql.Distinct(schema, metric, label, bundle.BundleId, rowLimit, offset);
            var rows = await runner.RunAsync(session, query, rowLimit, ct);
            values = [.. rows.Rows.Select(r => r[0]?.ToString() ?? "")];
            if (_pages.Count >= MaxCachedPages) _pages.Clear();
            _pages[key] = values;
        }
        var truncated = values.Count > limit;
        var shown = truncated ? values.Take(limit).ToList() : values;
        EmptyResult? empty = null;
        if (shown.Count == 0)
        {
            var any = await runner.ScalarAsync<bool>(session, ProbeSql.AnyInBundle(sessions.Schema, metric, bundle.BundleId), ct);
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
}
