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
    const string TimeHelp = "ISO-8601 (2025-06-28T13:52:00Z), epoch milliseconds, bundle_start / bundle_end, or an offset like bundle_end-1h. Default: ";
    const string FiltersHelp = "Optional label filters: {\"label\": \"value\"} or {\"label\": [\"v1\", \"v2\"]}, e.g. {\"cpu\": \"cpu0\"}. Label names must be the metric's labels (schema_describe_metric).";
    const string GroupByHelp = "Optional labels that identify a series in the result; labels left out are aggregated together. [] = one series for the whole metric, e.g. [\"exec\"] to sum threads per executable. Default: all labels. For CPU as a whole prefer the filter {\"cpu\": \"cpu\"} (ptop's own all-CPU line) to [] (reads every core's rows).";

    [McpServerTool(Name = "query_get_patterns", Title = "List query patterns", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        Lists the query patterns (timeseries_avg, counter_rate, topk, histogram_latency_percentile, ...) with what they compute, their parameters and an example; optionally only those meant for one metric kind.
        Use it when unsure how to aggregate a metric. Next: query_run {pattern_name, metric_name, ...} (or query_build_sql to see the SQL).
        """)]
    public Task<CallToolResult> GetPatterns(
        [Description("Optional metric kind: gauge, rate, counter, delta, histogram_bucket, histogram_avg.")] string? metric_kind = null,
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
            object body = new
            {
                patterns = patterns.Select(p => new
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
                note = "bundle_id, start_time and end_time default to the active bundle and its whole time range; step_seconds is chosen automatically (<= ~500 points per series) unless given. " +
                       "In sql_template, {braces} are identifiers filled from the catalog and $names are bind parameters. query_build_sql/query_run also take group_by (aggregate series together).",
                next = "query_run {\"pattern_name\": ..., \"metric_name\": ...} runs a pattern; query_build_sql returns its SQL and bind parameters.",
            };
            return Task.FromResult(body);
        });

    [McpServerTool(Name = "query_build_sql", Title = "Build SQL for a pattern", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        Builds the SQL of a query pattern for a metric without running it: validates the metric and label names against the catalog, fills the pattern, and returns {sql, params, param_order}: every value is a positional bind parameter ($1..$n in param_order), never inlined.
        Use it to show or adapt the SQL; query_sql runs an edited statement, query_run runs the pattern itself.
        """)]
    public Task<CallToolResult> BuildSql(
        [Description("Pattern: timeseries_avg, timeseries_max, timeseries_sum, counter_rate, topk, histogram_ops_per_sec, histogram_latency_percentile, latest_value, summary_stats. Omit to use the default for the metric's kind.")] string? pattern_name = null,
        [Description("Metric name or alias, e.g. cpu_user_percent.")] string? metric_name = null,
        [Description("Bundle to query; omit to use the active bundle.")] string? bundle_id = null,
        [Description(TimeHelp + "bundle_start.")] JsonElement? start_time = null,
        [Description(TimeHelp + "bundle_end.")] JsonElement? end_time = null,
        [Description("Time bucket width in seconds. Omit to choose automatically (at most ~500 points per series); the chosen step is reported.")] double? step_seconds = null,
        [Description(FiltersHelp)] JsonElement? filters = null,
        [Description(GroupByHelp)] JsonElement? group_by = null,
        [Description("topk only: number of series to keep (default 10). Without step_seconds topk ranks over the whole window; with it, per time bucket.")] int? k = null,
        [Description("histogram_latency_percentile only: quantile in (0, 1], default 0.95 (0.5 = median, 0.99 = p99).")] double? quantile = null,
        [Description("topk over the whole window only: rank by avg (default) or max.")] string? order_by = null,
        [Description("Row cap of the query (default 500, max 5000).")] int? max_rows = null,
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
    [Description("""
        Runs a query pattern for one metric in one bundle (the active one unless bundle_id is given) and returns the rows: e.g. the average CPU per minute, a counter's per-second rate, the top 10 threads by CPU, a DB latency percentile.
        Arguments as for query_build_sql. Rows are capped (max_rows, default 500) and 'truncated' says when more exist; an empty result says why (no data for the metric in this bundle, filter matched nothing, window outside the bundle) and what to call next.
        """)]
    public Task<CallToolResult> Run(
        [Description("Pattern: timeseries_avg, timeseries_max, timeseries_sum, counter_rate, topk, histogram_ops_per_sec, histogram_latency_percentile, latest_value, summary_stats. Omit to use the default for the metric's kind.")] string? pattern_name = null,
        [Description("Metric name or alias, e.g. cpu_user_percent.")] string? metric_name = null,
        [Description("Bundle to query; omit to use the active bundle.")] string? bundle_id = null,
        [Description(TimeHelp + "bundle_start.")] JsonElement? start_time = null,
        [Description(TimeHelp + "bundle_end.")] JsonElement? end_time = null,
        [Description("Time bucket width in seconds. Omit to choose automatically (at most ~500 points per series); the chosen step is reported.")] double? step_seconds = null,
        [Description(FiltersHelp)] JsonElement? filters = null,
        [Description(GroupByHelp)] JsonElement? group_by = null,
        [Description("topk only: number of series to keep (default 10). Without step_seconds topk ranks over the whole window; with it, per time bucket.")] int? k = null,
        [Description("histogram_latency_percentile only: quantile in (0, 1], default 0.95 (0.5 = median, 0.99 = p99).")] double? quantile = null,
        [Description("topk over the whole window only: rank by avg (default) or max.")] string? order_by = null,
        [Description("Rows to return (default 500, max 5000). More rows cost more tokens; prefer filters, group_by or a larger step.")] int? max_rows = null,
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
