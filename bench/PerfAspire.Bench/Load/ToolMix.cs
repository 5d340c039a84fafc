namespace PerfAspire.Bench.Load;

/// <summary>
/// What an LLM client does during an investigation, weighted: mostly queries (time series, counter rates, top-K),
/// then discovery, charts and docs. Time windows are relative to the bundle so any bundle works.
/// </summary>
public static class ToolMix
{
    public sealed record Call(string Label, string Tool, Dictionary<string, object?> Arguments, int Weight);

    public static IReadOnlyList<Call> Calls { get; } =
    [
        new("query_run timeseries_avg (whole bundle)", "query_run", new()
        {
            ["pattern_name"] = "timeseries_avg", ["metric_name"] = "cpu_utilization", ["filters"] = new Dictionary<string, object?> { ["cpu"] = "cpu" },
        }, 16),
        new("query_run timeseries_avg disk by device (last 2 h)", "query_run", new()
        {
            ["pattern_name"] = "timeseries_avg", ["metric_name"] = "disk_busy_percent", ["group_by"] = new[] { "device" },
            ["start_time"] = "bundle_end-2h", ["end_time"] = "bundle_end",
        }, 10),
        new("query_run counter_rate (whole bundle)", "query_run", new()
        {
            ["pattern_name"] = "counter_rate", ["metric_name"] = "net_rx_bytes_total", ["group_by"] = new[] { "interface" },
        }, 10),
        new("query_run topk threads by CPU (last 1 h)", "query_run", new()
        {
            ["pattern_name"] = "topk", ["metric_name"] = "top_cpu_percent", ["group_by"] = new[] { "exec" }, ["k"] = 10,
            ["start_time"] = "bundle_end-1h", ["end_time"] = "bundle_end",
        }, 8),
        new("query_run summary_stats", "query_run", new()
        {
            ["pattern_name"] = "summary_stats", ["metric_name"] = "mem_available_percent",
        }, 6),
        new("query_build_sql", "query_build_sql", new()
        {
            ["pattern_name"] = "timeseries_avg", ["metric_name"] = "disk_write_avg_ms", ["group_by"] = new[] { "device" },
        }, 5),
        new("schema_list_metrics", "schema_list_metrics", new() { ["prefix"] = "disk_" }, 8),
        new("schema_describe_metric", "schema_describe_metric", new() { ["metric_name"] = "cpu_iowait_percent" }, 8),
        new("schema_list_label_values", "schema_list_label_values", new() { ["metric"] = "disk_busy_percent", ["label"] = "device" }, 5),
        new("query_get_patterns", "query_get_patterns", new() { ["metric_kind"] = "counter" }, 4),
        new("support_active_context", "support_active_context", new(), 4),
        new("graph_timeseries", "graph_timeseries", new()
        {
            ["metrics"] = new[] { "disk_busy_percent", "cpu_iowait_percent{cpu=\"cpu\"}" }, ["start"] = "bundle_end-2h", ["end"] = "bundle_end",
        }, 6),
        new("docs_search", "docs_search", new() { ["q"] = "disk queue length high but service time modest" }, 5),
        new("docs_search_metrics", "docs_search_metrics", new() { ["q"] = "which threads used the most CPU" }, 5),
    ];
}
