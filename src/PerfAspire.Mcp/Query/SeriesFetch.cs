using System.Text.Json;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Mcp.Query;

/// <summary>One metric (selector + extra filters) through the shared query layer.</summary>
public static class SeriesFetch
{
    public static Task<SeriesResult> RunAsync(
        SeriesQueryService service, MetricSelector selector, IReadOnlyDictionary<string, IReadOnlyList<string>>? extraFilters,
        string? bundleId, JsonElement? start, JsonElement? end, double? stepSeconds, string? pattern, int maxSeries, CancellationToken ct,
        IReadOnlyList<string>? groupBy = null)
    {
        var filters = selector.MergedWith(extraFilters);
        var args = new QueryArguments
        {
            Pattern = pattern,
            Metric = selector.Metric,
            BundleId = bundleId,
            Start = start,
            End = end,
            StepSeconds = stepSeconds,
            Filters = filters.Count == 0 ? null : QueryArguments.Json(filters),
            GroupBy = groupBy,
        };
        return service.RunAsync(args, maxSeries, ct);
    }

    /// <summary>Reads a <c>filters</c> argument ({label: value} or {label: [values]}) into a dictionary.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>>? Filters(JsonElement? filters)
    {
        if (filters is not { } f || f.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (f.ValueKind != JsonValueKind.Object)
        {
            throw new Responses.ToolError("invalid_filters", "filters must be a JSON object like {\"cpu\": \"cpu0\"} or {\"device\": [\"sda\", \"sdb\"]}.");
        }
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in f.EnumerateObject())
        {
            var values = new List<string>();
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in p.Value.EnumerateArray()) values.Add(Scalar(p.Name, item));
            }
            else
            {
                values.Add(Scalar(p.Name, p.Value));
            }
            result[p.Name] = values;
        }
        return result;
    }

    static string Scalar(string label, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Number => v.GetRawText(),
        _ => throw new Responses.ToolError("invalid_filters", $"Filter values for {Responses.Text.Clip(label)} must be strings or numbers."),
    };
}
