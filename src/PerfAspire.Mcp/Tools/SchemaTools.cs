using System.ComponentModel;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;
using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Tools;

/// <summary>Schema discovery: tables, metrics, label values, one metric in detail.</summary>
[McpServerToolType]
public sealed class SchemaTools(MetricCatalog catalog, LabelValuesService labelValues, TableStorage storage, ILogger<SchemaTools> logger)
{
    const int DefaultMetricPage = 40;
    const int MaxMetricPage = 200;

    [McpServerTool(Name = "schema_list_tables", Title = "List tables (record groups)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists tables (one per ptop record group: CPU, DISK, TOP, ...): category, labels, metric count; paged. Start here; next schema_list_metrics.")]
    public Task<CallToolResult> ListTables(
        [Description("metric_category, e.g. cpu, disk.")] string? category = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "schema_list_tables", async () =>
        {
            var snapshot = await catalog.GetAsync(ct);
            var tables = snapshot.Tables.AsEnumerable();
            if (!string.IsNullOrWhiteSpace(category))
            {
                var c = Category(snapshot, category);
                tables = tables.Where(t => t.Category == c);
            }
            var page = ListPage.Of(ListPage.Scope("schema_list_tables", category), tables.ToList(), cursor, limit, 100, 200);
            var metricsByTable = snapshot.Metrics.GroupBy(m => m.Table).ToDictionary(g => g.Key, g => g.ToList());
            var stored = (await storage.TryReadAsync(ct))?.Tables.ToDictionary(t => t.TableName);
            var rows = page.Items.Select(t =>
            {
                var metrics = metricsByTable.GetValueOrDefault(t.Name) ?? [];
                var disk = stored?.GetValueOrDefault(t.Name);
                return new
                {
                    table_name = t.Name,
                    record_group = t.RecordGroup,
                    metric_category = t.Category,
                    local_labels = t.LocalColumns.Select(c => c.Key).ToList(),
                    local_label_count = t.LocalColumns.Count,
                    metric_count = metrics.Count,
                    is_histogram = metrics.Any(m => m.Kind == MetricKind.HistogramBucket),
                    rows = disk?.Rows,
                    bytes = disk?.Bytes,
                    compressed_fraction = disk?.CompressedFraction,
                };
            }).ToList();
            return new
            {
                tables = rows,
                count = rows.Count,
                total = page.Total,
                truncated = page.Truncated,
                next_cursor = page.NextCursor,
                storage_method = stored is null ? null : StorageSql.Method,
                warnings = Warnings(),
                next = (page.Truncated ? $"More tables: call schema_list_tables again with cursor \"{page.NextCursor}\". " : "") +
                    "schema_list_metrics {\"category\": \"<metric_category>\"} lists a category's metrics; schema_describe_metric {\"metric_name\": ...} shows one.",
            };
        });

    [McpServerTool(Name = "schema_list_metrics", Title = "List metrics", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists catalog metrics (kind, unit, labels) by category or name prefix, paged. Use it to find an exact name; next schema_describe_metric.")]
    public Task<CallToolResult> ListMetrics(
        [Description("metric_category or record group.")] string? category = null,
        [Description("Name prefix, e.g. disk_.")] string? prefix = null,
        [Description("Kind, e.g. gauge, counter.")] string? kind = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "schema_list_metrics", async () =>
        {
            var snapshot = await catalog.GetAsync(ct);
            var pageSize = ListPage.Limit(limit, DefaultMetricPage, MaxMetricPage);
            // Paged by name (the catalog's order): a metric added between two pages does not shift the next one.
            var scope = ListPage.Scope("schema_list_metrics", category, prefix, kind);
            var after = ListPage.Key(scope, cursor);
            IEnumerable<CatalogMetric> metrics = snapshot.Metrics;
            if (!string.IsNullOrWhiteSpace(category))
            {
                var tables = TablesOf(snapshot, category);
                metrics = metrics.Where(m => tables.Contains(m.Table));
            }
            if (!string.IsNullOrWhiteSpace(prefix))
            {
                var p = prefix.Trim().ToLowerInvariant();
                metrics = metrics.Where(m => m.Name.StartsWith(p, StringComparison.Ordinal));
            }
            if (!string.IsNullOrWhiteSpace(kind))
            {
                var k = kind.Trim().ToLowerInvariant();
                var kinds = snapshot.Metrics.Select(m => m.KindName).Distinct().Order().ToList();
                if (!kinds.Contains(k)) throw new ToolError("invalid_argument", $"Unknown kind '{Text.Clip(kind)}'. Kinds: {string.Join(", ", kinds)}.", ClosestNames.Find(kind, kinds, 3));
                metrics = metrics.Where(m => m.KindName == k);
            }
            var matching = metrics.ToList();
            var total = matching.Count;
            if (after is not null) matching = [.. matching.Where(m => string.CompareOrdinal(m.Name, after) > 0)];
            var page = matching.Take(pageSize + 1).ToList();
            var truncated = page.Count > pageSize;
            if (truncated) page.RemoveAt(page.Count - 1);
            var next = truncated ? ListPage.Cursor(scope, page[^1].Name) : null;
            var empty = page.Count == 0;
            return new
            {
                metrics = page.Select(m => new
                {
                    metric_name = m.Name,
                    metric_kind = m.KindName,
                    unit = m.Unit,
                    base_table = m.Table,
                    local_labels = m.Labels,
                    description = FirstSentence(m.Description),
                }).ToList(),
                count = page.Count,
                total,
                truncated,
                next_cursor = next,
                hint = truncated
                    ? $"More metrics match: call schema_list_metrics again with cursor \"{next}\" (same filters)."
                    : empty
                        ? "Nothing matched: drop or change the prefix/category/kind filters, or use docs_search_metrics with a description of what you want."
                        : "schema_describe_metric {\"metric_name\": ...} shows labels and patterns; query_run runs a query.",
                warnings = Warnings(),
            };
        });

    [McpServerTool(Name = "schema_list_label_values", Title = "List label values", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists one label's values for a metric in a bundle (devices, pids, ...), paged. Use it to pick filter values; next query_run.")]
    public Task<CallToolResult> ListLabelValues(
        [Description("Metric name or alias.")] string metric,
        [Description("Label of the metric, e.g. device.")] string label,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        [Description(ListPage.OffsetHelp)] int? offset = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "schema_list_label_values", async () =>
        {
            var n = ListPage.Limit(limit, 100, 1000);
            var scope = ListPage.Scope("schema_list_label_values", metric, label, bundle_id);
            var o = ListPage.Start(scope, cursor, offset, 10_000_000);
            var page = await labelValues.GetAsync(metric, label, bundle_id, n, o, ct);
            var next = ListPage.Next(scope, o, page.Values.Count, page.Truncated);
            return new
            {
                metric = page.Metric.Name,
                resolved_from_alias = page.AliasUsed,
                label = page.Label,
                bundle_id = page.Bundle.BundleId,
                values = page.Values,
                count = page.Values.Count,
                truncated = page.Truncated,
                next_cursor = next,
                hint = page.Truncated
                    ? $"More values exist: call again with cursor \"{next}\"."
                    : page.Empty?.Next ?? $"Filter a query with {{\"{page.Label}\": \"<value>\"}} or {{\"{page.Label}\": [\"<v1>\", \"<v2>\"]}}.",
                empty_reason = page.Empty?.Reason,
                explanation = page.Empty?.Explanation,
            };
        });

    [McpServerTool(Name = "schema_describe_metric", Title = "Describe a metric", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Everything about one metric: kind, unit, meaning, labels, aliases, patterns, doc id. Next: schema_list_label_values, then query_run.")]
    public Task<CallToolResult> DescribeMetric(
        [Description("Metric name or alias.")] string metric_name,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "schema_describe_metric", async () =>
        {
            var (snapshot, m, alias) = await catalog.ResolveAsync(metric_name, ct);
            var table = snapshot.Table(m.Table);
            var spec = SchemaSpec.Default.ByTable(m.Table)?.Metrics.FirstOrDefault(x => x.Column == m.Column);
            var kind = m.Kind;
            var patterns = QueryPatterns.For(kind).Select(p => p.Name).ToList();
            var defaultPattern = QueryPatterns.DefaultFor(kind).Name;
            return new
            {
                metric_name = m.Name,
                resolved_from_alias = alias,
                metric_kind = m.KindName,
                unit = m.Unit,
                description = m.Description,
                computation = string.IsNullOrEmpty(spec?.Computation) ? null : spec.Computation,
                base_table = m.Table,
                column_name = m.Column,
                view = m.View,
                record_group = m.RecordGroup,
                metric_category = m.Category,
                local_labels = m.Labels,
                aliases = m.Aliases,
                global_columns = table?.GlobalColumns,
                local_columns = table?.LocalColumns.ToDictionary(c => c.Key, c => c.Value),
                metric_columns = table?.MetricColumns.ToDictionary(c => c.Key, c => c.Value),
                doc = new { id = m.DocId, get_with = $"docs_get {{\"id\": \"{m.DocId}\"}}" },
                patterns,
                default_pattern = defaultPattern,
                how_to_read = KindAdvice(m.KindName),
                example = $"query_run {{\"pattern_name\": \"{defaultPattern}\", \"metric_name\": \"{m.Name}\"}}",
                warnings = Warnings(),
            };
        });

    List<string>? Warnings() => catalog.Warning is { } w ? [w] : null;

    static string KindAdvice(string kind) => kind switch
    {
        "gauge" => "A point value: average it (timeseries_avg) or take the maximum (timeseries_max).",
        "rate" => "Already per second (or percent of interval) as computed by ptop: average it, never difference it.",
        "counter" => "Cumulative since process/boot start: use counter_rate for a per-second rate; raw values only grow.",
        "delta" => "A count for the sampling interval: sum it (timeseries_sum).",
        "histogram_bucket" => "Operations in one latency bucket during the interval: sum it; histogram_ops_per_sec and histogram_latency_percentile use it.",
        "histogram_avg" => "Mean latency of the operations in one bucket; combine with the bucket counts (histogram_latency_percentile).",
        _ => "See the description.",
    };

    static string? FirstSentence(string? s)
    {
        if (string.IsNullOrEmpty(s)) return s;
        var i = s.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? s[..(i + 1)] : s;
    }

    static string Category(CatalogSnapshot snapshot, string category)
    {
        var c = category.Trim().ToLowerInvariant();
        var categories = snapshot.Tables.Select(t => t.Category).Distinct().Order().ToList();
        if (categories.Contains(c)) return c;
        throw new ToolError("category_not_found", $"Unknown category '{Text.Clip(category)}'. Categories: {string.Join(", ", categories)}.",
            ClosestNames.Find(category, categories, 3), "Use one of the listed categories, or omit category.");
    }

    /// <summary>Tables matching a category, a record group or a load filter group (all case-insensitive).</summary>
    static HashSet<string> TablesOf(CatalogSnapshot snapshot, string category)
    {
        var c = category.Trim();
        var byCategory = snapshot.Tables.Where(t => string.Equals(t.Category, c, StringComparison.OrdinalIgnoreCase)).Select(t => t.Name);
        var byGroup = snapshot.Tables.Where(t => string.Equals(t.RecordGroup, c, StringComparison.OrdinalIgnoreCase)).Select(t => t.Name);
        var byFilter = SchemaSpec.Default.Groups
            .Where(g => string.Equals(g.Filter, c, StringComparison.OrdinalIgnoreCase)).Select(g => g.Table);
        var tables = byCategory.Concat(byGroup).Concat(byFilter).ToHashSet(StringComparer.Ordinal);
        if (tables.Count > 0) return tables;
        var names = snapshot.Tables.Select(t => t.Category).Distinct().Order().ToList();
        throw new ToolError("category_not_found",
            $"Unknown category '{Text.Clip(c)}'. Categories: {string.Join(", ", names)}; load filters: {string.Join(", ", CommonColumns.Filters)}.",
            ClosestNames.Find(c, names, 3), "Use one of the listed categories, or omit category.");
    }
}
