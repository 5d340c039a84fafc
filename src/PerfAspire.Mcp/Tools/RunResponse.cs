using System.Text.Json;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>
/// Shapes query_run's answer: columns + rows (arrays, the compact form), the scope it ran in, and — when rows
/// were cut by max_rows or by the response budget — <c>truncated</c> with how to get the rest.
/// </summary>
public static class RunResponse
{
    public static object Build(QueryService.Ran ran)
    {
        var plan = ran.Plan;
        var rows = ran.Rows.Rows.Select(r => r.Select(Values.ForOutput).ToArray()).ToList();
        var truncated = ran.Rows.Truncated;
        var cutByBudget = false;

        // Labels can be long (TOP exec names): if the rows alone exceed the budget, keep the prefix that fits.
        var size = JsonSerializer.Serialize(rows, ToolJson.Options).Length;
        if (size > ToolResponse.BudgetChars - 4_000 && rows.Count > 1)
        {
            var keep = Math.Max(1, (int)((long)rows.Count * (ToolResponse.BudgetChars - 4_000) / size));
            rows = rows.Take(keep).ToList();
            truncated = cutByBudget = true;
        }

        string hint;
        if (ran.Empty is { } empty) hint = empty.Next;
        else if (cutByBudget) hint = $"Cut to {rows.Count} rows to stay within the response budget (~8k tokens). Narrow with filters, group_by (fewer series), a shorter window or a larger step_seconds.";
        else if (truncated) hint = $"More than {rows.Count} rows exist (max_rows={plan.RowLimit - 1}). Narrow with filters or group_by, shorten the window, raise step_seconds, or raise max_rows (up to 5000).";
        else hint = plan.Pattern.Name is QueryPatterns.TopK or QueryPatterns.SummaryStats or QueryPatterns.LatestValue
            ? "Filter a time series to one of these with filters {label: value} and pattern timeseries_avg (or counter_rate for counters)."
            : "Compare with other metrics, or use topk / summary_stats for a ranking over the window.";

        return new
        {
            pattern_name = plan.Pattern.Name,
            metric_name = plan.Metric.Name,
            resolved_from_alias = ran.Planned.AliasUsed,
            unit = plan.Metric.Unit,
            metric_kind = plan.Metric.Kind,
            bundle_id = plan.Bundle.BundleId,
            window = new { start = Values.Iso(plan.Window.Start), end = Values.Iso(plan.Window.End) },
            step_seconds = UsesStep(plan.Pattern.Name) ? plan.StepSeconds : (int?)null,
            step_chosen = UsesStep(plan.Pattern.Name) ? (plan.StepAutomatic ? "automatic" : "requested") : null,
            series_labels = plan.GroupBy,
            filters = plan.Filters.Count == 0 ? null : plan.Filters.ToDictionary(f => f.Label, f => f.Values),
            columns = ran.Rows.Columns,
            rows,
            row_count = rows.Count,
            truncated,
            empty_reason = ran.Empty?.Reason,
            explanation = ran.Empty?.Explanation,
            hint,
            warnings = ran.Planned.Warnings.Count == 0 ? null : ran.Planned.Warnings,
            notes = ran.Planned.Notes.Count == 0 ? null : ran.Planned.Notes,
            elapsed_ms = Math.Round(ran.Rows.Elapsed.TotalMilliseconds, 1),
        };
    }

    static bool UsesStep(string pattern) => pattern is not (QueryPatterns.TopK or QueryPatterns.LatestValue or QueryPatterns.SummaryStats);
}
