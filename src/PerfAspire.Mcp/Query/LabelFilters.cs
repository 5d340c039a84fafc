using System.Globalization;
using System.Text.Json;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Reads label filters as models send them — <c>{label: value}</c> or <c>{label: [values]}</c>, strings or
/// numbers (labels are stored as text) — into the renderer's <see cref="LabelFilter"/>s. Label names are checked
/// against the metric's labels; values are only size-checked and always bound.
/// </summary>
public static class LabelFilters
{
    /// <summary>How a filters argument is described to clients (<see cref="Forms"/>, in the server instructions, in full).</summary>
    public const string Help = "{label: value or [values]}.";

    public const string Forms = "{\"label\": \"value\"} or {\"label\": [\"v1\", \"v2\"]}; the labels are the metric's own (schema_describe_metric)";

    const int MaxLabels = 16;
    const int MaxValuesPerLabel = 500;
    const int MaxValueLength = 4096;

    public static IReadOnlyList<LabelFilter> Parse(JsonElement? filters, CatalogMetric metric)
    {
        if (filters is not { } f || f.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return [];
        if (f.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(f.GetString())) return [];
        if (f.ValueKind != JsonValueKind.Object)
        {
            throw new ToolError("invalid_filters", "filters must be a JSON object like {\"cpu\": \"cpu0\"} or {\"device\": [\"sda\", \"sdb\"]}.",
                next: $"Labels of {metric.Name}: {Labels(metric)}.");
        }
        var result = new List<LabelFilter>();
        foreach (var p in f.EnumerateObject())
        {
            if (result.Count == MaxLabels) throw new ToolError("invalid_filters", $"At most {MaxLabels} labels can be filtered at once.");
            var label = CatalogSnapshot.ResolveLabel(metric, p.Name);
            var values = new List<string>();
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in p.Value.EnumerateArray()) values.Add(Value(label, item));
                if (values.Count == 0) throw new ToolError("invalid_filters", $"The value list for label {label} is empty.", next: "Give at least one value, or leave the label out.");
            }
            else
            {
                values.Add(Value(label, p.Value));
            }
            if (values.Count > MaxValuesPerLabel) throw new ToolError("invalid_filters", $"At most {MaxValuesPerLabel} values per label.");
            if (result.Exists(x => x.Label == label)) throw new ToolError("invalid_filters", $"Label {label} appears twice in filters.");
            result.Add(new LabelFilter(label, values));
        }
        return result;
    }

    static string Labels(CatalogMetric m) => m.Labels.Count == 0 ? "(none)" : string.Join(", ", m.Labels);

    static string Value(string label, JsonElement v)
    {
        var s = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new ToolError("invalid_filters", $"Filter values for {label} must be strings or numbers, not {v.ValueKind.ToString().ToLowerInvariant()}."),
        };
        if (s.Length > MaxValueLength) throw new ToolError("invalid_filters", $"A filter value for {label} is {s.Length.ToString(CultureInfo.InvariantCulture)} characters long; the limit is {MaxValueLength}.");
        return s;
    }
}
