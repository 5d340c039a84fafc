using System.Text.Json;

namespace PerfAspire.Mcp.Responses;

/// <summary>Lenient readers for arguments models send in more than one shape.</summary>
public static class ArgumentJson
{
    /// <summary>A list of names given as a JSON array, a single string, or a comma-separated string.</summary>
    public static IReadOnlyList<string>? Names(JsonElement? value, string argument)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (v.ValueKind == JsonValueKind.String)
        {
            return [.. (v.GetString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        if (v.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>();
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) throw new ToolError("invalid_argument", $"{argument} must be a list of label names (strings).");
                list.Add(item.GetString() ?? "");
            }
            if (list.Count > 32) throw new ToolError("invalid_argument", $"{argument} has too many entries.");
            return list;
        }
        throw new ToolError("invalid_argument", $"{argument} must be a list of label names, e.g. [\"exec\"] or [] for one series.");
    }
}
