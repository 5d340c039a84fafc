using System.Text.Json;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// Shapes query_run's answer: columns + rows (arrays, the compact form), with columns that hold one value in
/// every row (bundle_id, sptid, host) moved to <c>constant_columns</c>; the scope it ran in; and — when rows were
/// cut by max_rows or by the response budget — <c>truncated</c> with how to get the rest.
/// </summary>
public static class RunResponse
{
    static readonly string[] Factorable = ["bundle_id", "sptid", "host"];

    public static object Build(QueryService.Ran ran)
    {
        var plan = ran.Plan;
        var columns = ran.Rows.Columns.ToList();
        var drop = new HashSet<int>();
        var constants = new Dictionary<string, object?>();
        foreach (var name in Factorable)
        {
            var i = columns.IndexOf(name);
            if (i < 0 || ran.Rows.Rows.Count == 0) continue;
            var first = ran.Rows.Rows[0][i];
            if (ran.Rows.Rows.All(r => Equals(r[i], first)))
            {
                constants[name] = first;
                drop.Add(i);
            }
        }
        // A whole-window topk has a single, synthetic time bucket: it carries no information.
        if (plan.WholeWindowTopK && columns.IndexOf("ts_bucket") is var tb and >= 0) drop.Add(tb);

        var keep = Enumerable.Range(0, columns.Count).Where(i => !drop.Contains(i)).ToArray();
        var rows = ran.Rows.Rows.Select(r => keep.Select(i => Values.ForOutput(r[i])).ToArray()).ToList();
        var truncated = ran.Rows.Truncated;
        var cutByBudget = false;

        // Labels can be long (TOP exec names): if the rows alone exceed the budget, keep the prefix that fits.
        var size = JsonSerializer.Serialize(rows, ToolJson.Options).Length;
        if (size > ToolResponse.BudgetChars - 4_000 && rows.Count > 1)
        {
            var fit = Math.Max(1, (int)((long)rows.Count * (ToolResponse.BudgetChars - 4_000) / size));
            rows = rows.Take(fit).ToList();
            truncated = cutByBudget = true;
        }

        string hint;
        if (ran.Empty is { } empty) hint = empty.Next;
        else if (cutByBudget) hint = $"Cut to {rows.Count} rows to stay within the response budget (~8k tokens). Narrow with filters, group_by (fewer series), a shorter window or a larger step_seconds.";
        else if (truncated) hint = $"More than {rows.Count} rows exist (max_rows={plan.RowLimit - 1}). Narrow with filters or group_by, shorten the window, raise step_seconds, or raise max_rows (up to 5000).";
        else hint = plan.Pattern.Name is QueryPatterns.TopK or QueryPatterns.SummaryStats or QueryPatterns.LatestValue
            ? "Follow one of these series over time with filters {label: value} and timeseries_avg (counter_rate for counters)."
            : "Compare with other metrics, or use topk / summary_stats for a ranking over the window.";

        var usesStep = !plan.WholeWindowTopK && plan.Pattern.Name is not (QueryPatterns.LatestValue or QueryPatterns.SummaryStats);
        return new
        {
            pattern_name = plan.Pattern.Name,
            metric_name = plan.Metric.Name,
            resolved_from_alias = ran.Planned.AliasUsed,
            unit = plan.Metric.Unit,
            metric_kind = plan.Metric.KindName,
            bundle_id = plan.Bundle.BundleId,
            window = new { start = Values.Iso(plan.Window.Start), end = Values.Iso(plan.Window.End) },
            step_seconds = usesStep ? plan.StepSeconds : (double?)null,
            step_chosen = usesStep ? (plan.StepAutomatic ? "automatic" : "requested") : null,
            ranking = plan.WholeWindowTopK ? "whole window (give step_seconds for a ranking per time bucket)" : null,
            series_labels = plan.GroupBy,
            filters = plan.Filters.Count == 0 ? null : plan.Filters.ToDictionary(f => f.Label, f => f.Values),
            constant_columns = constants.Count == 0 ? null : constants,
            columns = keep.Select(i => columns[i]).ToList(),
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
}
