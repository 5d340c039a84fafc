using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>Query construction and execution: patterns, SQL with bind parameters, running a pattern.</summary>
[McpServerToolType]
public sealed class QueryTools(QueryService queries, ILogger<QueryTools> logger)
{
    const string GroupByHelp = "Labels per series; [] = one; default all.";

    [McpServerTool(Name = "query_get_patterns", Title = "List query patterns", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists query patterns (timeseries_avg, counter_rate, topk, ...) with parameters and an example, paged. Next: query_run.")]
    public Task<CallToolResult> GetPatterns(
        [Description("Kind, e.g. gauge, counter.")] string? metric_kind = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "query_get_patterns", () =>
        {
            var patterns = QueryPatterns.All.AsEnumerable();
            if (!string.IsNullOrWhiteSpace(metric_kind))
            {
                if (!MetricKindNames.TryParse(metric_kind.Trim(), out var kind))
                {
                    var kinds = Enum.GetValues<MetricKind>().Select(k => k.ToSql()).ToList();
                    throw new ToolError("invalid_argument", $"Unknown metric kind '{Text.Clip(metric_kind)}'. Kinds: {string.Join(", ", kinds)}.", ClosestNames.Find(metric_kind, kinds, 3));
                }
                patterns = QueryPatterns.For(kind);
            }
            var page = ListPage.Of(ListPage.Scope("query_get_patterns", metric_kind), patterns.ToList(), cursor, limit, 50, 100);
            object body = new
            {
                patterns = page.Items.Select(p => new
                {
                    pattern_name = p.Name,
                    description = p.Description,
                    metric_kinds = p.Kinds.Select(k => k.ToSql()).ToList(),
                    required_params = p.RequiredParams,
                    // The tools take label filters as 'filters'; the template calls them label_filters.
                    optional_params = p.OptionalParams.ToDictionary(o => o.Name == "label_filters" ? "filters" : o.Name, o => new { @default = o.Default, description = o.Description }),
                    sql_template = p.SqlTemplate,
                    example = $"query_run {{\"pattern_name\": \"{p.Name}\", \"metric_name\": \"{ExampleMetric(p)}\"}}",
                }).ToList(),
                count = page.Items.Count,
                total = page.Total,
                truncated = page.Truncated,
                next_cursor = page.NextCursor,
                note = "bundle_id, start_time and end_time default to the active bundle and its whole time range; step_seconds is chosen automatically (<= ~500 points per series) unless given. " +
                       "In sql_template, {braces} are identifiers filled from the catalog and $names are bind parameters. query_build_sql/query_run also take group_by (aggregate series together).",
                next = (page.Truncated ? $"More patterns: call query_get_patterns again with cursor \"{page.NextCursor}\". " : "") +
                    "query_run {\"pattern_name\": ..., \"metric_name\": ...} runs a pattern; query_build_sql returns its SQL and bind parameters.",
            };
            return Task.FromResult(body);
        });

    [McpServerTool(Name = "query_build_sql", Title = "Build SQL for a pattern", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Builds a pattern's SQL for a metric without running it: sql, params, param_order, values ($1..$n binds). Then query_sql runs the edited statement.")]
    public Task<CallToolResult> BuildSql(
        [Description("Pattern; default by metric kind.")] string? pattern_name = null,
        [Description("Metric name or alias.")] string? metric_name = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(TimeArgument.Help)] JsonElement? start_time = null,
        [Description(TimeArgument.Help)] JsonElement? end_time = null,
        [Description("Bucket seconds.")] double? step_seconds = null,
        [Description(Query.LabelFilters.Help)] JsonElement? filters = null,
        [Description(GroupByHelp)] JsonElement? group_by = null,
        [Description("topk: series to keep (default 10).")] int? k = null,
        [Description("Quantile 0-1 (default 0.95).")] double? quantile = null,
        [Description("topk: avg (default) or max.")] string? order_by = null,
        [Description("Row cap (500; max 5000).")] int? max_rows = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "query_build_sql", async () =>
        {
            var args = Args(pattern_name, metric_name, bundle_id, start_time, end_time, step_seconds, filters, group_by, k, quantile, order_by, max_rows);
            var built = await queries.BuildAsync(args, ct);
            var plan = built.Plan;
            return new
            {
                sql = built.Query.Sql,
                @params = built.Query.Parameters.ToDictionary(p => p.Name, p => ParamValue(p.Value)),
                param_order = built.Query.Parameters.Select(p => p.Name).ToList(),
                param_style = "Positional: $1 is the first name in param_order, $2 the second, ... Bind them as parameters; never paste values into the SQL.",
                pattern_name = plan.Pattern.Name,
                metric_name = plan.Metric.Name,
                resolved_from_alias = built.Planned.AliasUsed,
                bundle_id = plan.Bundle.BundleId,
                window = new { start = Values.Iso(plan.Window.Start), end = Values.Iso(plan.Window.End) },
                step_seconds = plan.StepSeconds,
                step_chosen = plan.StepAutomatic ? "automatic" : "requested",
                series_labels = plan.GroupBy,
                warnings = NullIfEmpty(built.Planned.Warnings),
                notes = NullIfEmpty(built.Planned.Notes),
                next = "query_run with the same arguments executes it (read-only role, read-only transaction, statement timeout).",
            };
        });

    [McpServerTool(Name = "query_run", Title = "Run a query pattern", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Runs a query pattern for one metric and returns rows: CPU per minute, a counter rate, top threads. Capped by max_rows; an empty result says why.")]
    public Task<CallToolResult> Run(
        [Description("Pattern; default by metric kind.")] string? pattern_name = null,
        [Description("Metric name or alias.")] string? metric_name = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(TimeArgument.Help)] JsonElement? start_time = null,
        [Description(TimeArgument.Help)] JsonElement? end_time = null,
        [Description("Bucket seconds.")] double? step_seconds = null,
        [Description(Query.LabelFilters.Help)] JsonElement? filters = null,
        [Description(GroupByHelp)] JsonElement? group_by = null,
        [Description("topk: series to keep (default 10).")] int? k = null,
        [Description("Quantile 0-1 (default 0.95).")] double? quantile = null,
        [Description("topk: avg (default) or max.")] string? order_by = null,
        [Description("Row cap (500; max 5000).")] int? max_rows = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "query_run", async () =>
        {
            var args = Args(pattern_name, metric_name, bundle_id, start_time, end_time, step_seconds, filters, group_by, k, quantile, order_by, max_rows);
            var ran = await queries.RunAsync(args, ct);
            return RunResponse.Build(ran);
        });

    static QueryArguments Args(string? pattern, string? metric, string? bundle, JsonElement? start, JsonElement? end, double? step,
        JsonElement? filters, JsonElement? groupBy, int? k, double? quantile, string? orderBy, int? maxRows) => new()
        {
            Pattern = pattern,
            Metric = metric,
            BundleId = bundle,
            Start = start,
            End = end,
            StepSeconds = step,
            Filters = filters,
            GroupBy = ArgumentJson.Names(groupBy, "group_by"),
            K = k,
            Quantile = quantile,
            OrderBy = orderBy,
            MaxRows = maxRows,
        };

    static string ExampleMetric(QueryPattern p) => p.Name switch
    {
        QueryPatterns.CounterRate => "fpports_rx_packets_total",
        QueryPatterns.TopK => "top_cpu_percent",
        QueryPatterns.TimeseriesSum => "dbmpool_cache_misses",
        QueryPatterns.HistogramOpsPerSec or QueryPatterns.HistogramLatencyPercentile => "dbwr_bucket_count_total",
        QueryPatterns.TimeseriesMax => "disk_busy_percent",
        _ => "cpu_utilization",
    };

    static object ParamValue(object v) => v switch
    {
        DateTime dt => Values.Iso(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        _ => v,
    };

    static List<string>? NullIfEmpty(List<string> list) => list.Count == 0 ? null : list;
}
