using PerfAspire.Mcp.Charts;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Mcp;

/// <summary>
/// The initialize result's instructions: how to start, and the arguments many tools share. Every conversation pays
/// for the tool list, so each argument there carries one line and the full forms are said once, here (and in
/// docs/tool-contract.md).
/// </summary>
public static class ServerInstructions
{
    public static string Text { get; } = string.Join("\n",
        "PerfAspire serves ptop performance data from appliance support bundles stored in TimescaleDB.",
        "Start: support_active_context (or support_load_bundle when no bundle is active), then schema_list_metrics or docs_search_metrics to find a metric, then query_run, query_range or graph_timeseries. Call system_health first when something fails.",
        "Arguments shared by many tools:",
        $"- Times (start, end, start_time, end_time, the ends of a window): {TimeArgument.Forms}. Omitted: the whole bundle.",
        $"- step: {StepArgument.Forms}. query_run and query_build_sql take step_seconds.",
        $"- A metric, primary or metrics argument takes {MetricSelector.Forms}.",
        $"- filters: {LabelFilters.Forms}. schema_list_label_values lists the values.",
        "- group_by (query_run, query_build_sql): the labels that identify a series; the others are aggregated; [] = one series. For CPU as a whole prefer the filter {\"cpu\": \"cpu\"} (ptop's own all-CPU line) to [] (every core's rows).",
        "- bundle_id: omitted, the bundle this session loaded or switched to, else the shared active one.",
        "- width, height: chart size in pixels, width 200-" + TimeSeriesChart.MaxWidth + ", height 150-" + TimeSeriesChart.MaxHeight + ".",
        "Answers stay within about 8k tokens: truncated, downsampled and more_exist say what was cut, and the answer names the argument that gets more (max_rows, max_series, limit, cursor, a larger step).");
}
