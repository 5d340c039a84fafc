using System.ComponentModel;
using ModelContextProtocol.Server;

namespace PerfAspire.Mcp.Prompts;

/// <summary>Prompts (MCP prompts/list, prompts/get) that walk a model through a whole investigation with the tools.</summary>
[McpServerPromptType]
public sealed class TriagePrompts
{
    [McpServerPrompt(Name = "triage_slow_period", Title = "Triage a slow period")]
    [Description("Step-by-step investigation of a period when the appliance was slow: what changed, who was busy, the database latency, and a short written diagnosis with charts.")]
    public static string TriageSlowPeriod(
        [Description("Start of the slow period (ISO-8601, epoch ms, or e.g. bundle_end-2h). Omit if unknown.")] string? slow_start = null,
        [Description("End of the slow period. Omit if unknown.")] string? slow_end = null,
        [Description("What was observed, e.g. 'DNS answers slow', 'high CPU alarm', 'DB writes timing out'.")] string? symptom = null)
    {
        var window = slow_start is null && slow_end is null
            ? "The slow period is not known yet: find it first (step 2)."
            : $"The slow period is {slow_start ?? "bundle_start"} .. {slow_end ?? "bundle_end"} (window B below).";
        var what = string.IsNullOrWhiteSpace(symptom) ? "" : $" The reported symptom: \"{symptom.Trim()}\".";
        return $$"""
            You are investigating a support bundle of a DNS appliance (ptop performance logs) served by the PerfAspire tools. {{window}}{{what}}
            Work through these steps, calling the tools named; keep each call's window as narrow as the question allows, and say what each result means before moving on.

            1. Context. Call system_health, then support_active_context (or support_list_bundles) to know which bundle is active, its host and time range. If no bundle is active, stop and ask for one to be loaded.
            2. Find the period. If the slow window is unknown, call find_anomalies on cpu_utilization{cpu="cpu"} (all-CPU summary), disk_busy_percent and mem_available_percent over the whole bundle; the first level shift or cluster of spikes marks window B. Choose window A: a quiet period of the same length before it (e.g. the hour before).
            3. What changed. Call compare_windows {"window_a": A, "window_b": B}. Read the top changes and by_metric: which areas moved (CPU, disk, memory, network, process, db_histogram, fastpath) and by how much (cohen_d, relative_change). Note series that only appear in B (new processes, devices).
            4. Who was busy. Call top_n on top_cpu_percent for window B with group_by "exec" (CPU per executable), and again without group_by for single threads; compare with window A. For disks, top_n disk_busy_percent; for memory, top_n smaps_rss_kb.
            5. Database. Call graph_latency_histogram for dbwr (and dbrd, dbwa if writes or reads are suspect) over A and B together: did p95/p99 rise, and did the operation rate change?
            6. Relationships. Call correlate_metrics with the 3-5 metrics that changed most (use selectors for one series, e.g. disk_busy_percent{device="sda"}); a lag says which one moved first.
            7. Show it. Call graph_compare with the most important metric as primary and the others as comparators (normalize true) over A+B, and graph_timeseries for anything you need to show as is. Put the charts in your answer.
            8. Conclude. Write a short diagnosis: what happened, when it started, the most likely cause and the evidence (metric names, values, times in UTC), what is ruled out, and what to check next. Do not claim causation from correlation alone.

            Tool notes: times accept ISO-8601, epoch ms, bundle_start/bundle_end and offsets like bundle_end-1h. Metric names come from metrics_list / schema_list_metrics / docs_search_metrics; metric_metadata explains one. Responses are capped (look for truncated / downsampled) — narrow the window or add filters rather than asking for more.
            """;
    }
}
