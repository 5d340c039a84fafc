using System.Text.Json;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>A list of metric selectors given as a JSON array of strings, or one string for a single metric.</summary>
public static class MetricList
{
    public static IReadOnlyList<MetricSelector> Parse(JsonElement? value, string argument, int max)
    {
        var items = new List<string>();
        if (value is { ValueKind: JsonValueKind.String } s)
        {
            items.Add(s.GetString() ?? "");
        }
        else if (value is { ValueKind: JsonValueKind.Array } a)
        {
            foreach (var item in a.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw new ToolError("invalid_argument", $"{argument} must be a list of metric names (strings).");
                items.Add(item.GetString() ?? "");
            }
        }
        else
        {
            throw new ToolError("invalid_argument", $"{argument} must be a list of metric names, e.g. [\"cpu_utilization\", \"disk_busy_percent{{device=\\\"sda\\\"}}\"].");
        }
        if (items.Count == 0) throw new ToolError("invalid_argument", $"{argument} is empty; give at least one metric name.");
        if (items.Count > max) throw new ToolError("invalid_argument", $"{argument} has {items.Count} metrics; at most {max} fit in one chart and response.");
        return items.Select(i => MetricSelector.Parse(i, argument)).ToList();
    }
}
