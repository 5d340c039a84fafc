using System.Globalization;
using System.Text.Json;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// The legacy <c>step</c>: a number of seconds, or a duration string ("500ms", "30s", "5m", "1h", "1d"); legacy clients
/// that send milliseconds use <c>step_ms</c>. Null = let the query layer choose (at most ~500 points per series).
/// </summary>
public static class StepArgument
{
    /// <summary>One line for the tool list; <see cref="Forms"/> (in the server instructions) says it in full.</summary>
    public const string Help = "Seconds or 30s, 5m, 1h.";

    public const string Forms = "seconds (60) or a duration (30s, 5m, 1h); legacy clients may send step_ms instead. Omitted, it is chosen for at most ~500 points per series and reported. Steps count from start when one is given (the first bucket starts there)";

    public static double? Seconds(JsonElement? step, double? stepMs)
    {
        if (stepMs is { } ms)
        {
            if (!double.IsFinite(ms) || ms <= 0) throw Invalid(ms.ToString(CultureInfo.InvariantCulture));
            return Math.Max(1, ms / 1000.0);
        }
        if (step is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var n)) return Positive(n, v.GetRawText());
        if (v.ValueKind != JsonValueKind.String) throw Invalid(v.GetRawText());
        var text = (v.GetString() ?? "").Trim().ToLowerInvariant();
        if (text.Length == 0) return null;
        if (text.Length > 32) throw Invalid(text);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out n)) return Positive(n, text);
        var (number, factor) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : text.EndsWith('d') ? (text[..^1], 86400.0)
            : ("", 0.0);
        if (factor == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out n)) throw Invalid(text);
        return Math.Max(1, Positive(n, text) * factor);
    }

    static double Positive(double n, string text) =>
        double.IsFinite(n) && n > 0 ? n : throw Invalid(text);

    static ToolError Invalid(string text) => new("invalid_step",
        $"step '{Text.Clip(text)}' is not a duration I can read.",
        next: "Give seconds (60) or a duration like \"30s\", \"5m\", \"1h\" (or step_ms in milliseconds); omit it to choose automatically.");
}
