using System.Text;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// A metric named the way legacy clients (and models used to Prometheus) write it: <c>cpu_utilization</c> or
/// <c>cpu_utilization{cpu="cpu0", host='hostA'}</c>. Only equality matchers exist;
/// a label named twice matches any of its values. The filters are checked against the metric's labels later by the
/// query layer, like any other filter.
/// </summary>
public sealed record MetricSelector(string Metric, IReadOnlyDictionary<string, IReadOnlyList<string>> Filters)
{
    const int MaxLength = 2_000;

    /// <summary>How a selector argument is described to clients (the syntax, <see cref="Forms"/>, is in the server instructions).</summary>
    public const string Help = "Metric name, alias or selector.";

    public const string Forms = "a metric name, an alias, or a selector with equality filters: cpu_utilization{cpu=\"cpu0\"}";

    /// <summary>The metric and its filters merged with extra filters given separately (e.g. a tool's <c>filters</c> argument).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MergedWith(IReadOnlyDictionary<string, IReadOnlyList<string>>? extra)
    {
        if (extra is null || extra.Count == 0) return Filters;
        var merged = Filters.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        foreach (var (label, values) in extra)
        {
            if (merged.TryGetValue(label, out var existing))
            {
                // Both say something about the label: keep only what both allow.
                var both = existing.Intersect(values, StringComparer.Ordinal).ToList();
                merged[label] = both.Count > 0 ? both : throw new ToolError("invalid_filters",
                    $"The filters on {label} contradict each other ({string.Join(", ", existing)} vs {string.Join(", ", values)}).");
            }
            else
            {
                merged[label] = values.ToList();
            }
        }
        return merged.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    public static MetricSelector Parse(string? text, string argument = "metric")
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0) throw new ToolError("invalid_argument", $"{argument} is required (a metric name such as cpu_utilization).", next: "Call metrics_list or schema_list_metrics for the names.");
        if (t.Length > MaxLength) throw new ToolError("invalid_argument", $"{argument} is too long ({t.Length} characters).");
        var brace = t.IndexOf('{');
        if (brace < 0) return new MetricSelector(t, new Dictionary<string, IReadOnlyList<string>>());
        if (!t.EndsWith('}')) throw Invalid(argument, t, "a selector must end with '}'");
        var name = t[..brace].Trim();
        if (name.Length == 0) throw Invalid(argument, t, "the metric name goes before '{'");
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var body = t.AsSpan(brace + 1, t.Length - brace - 2);
        var i = 0;
        while (true)
        {
            SkipSpace(body, ref i);
            if (i >= body.Length) break;
            var labelStart = i;
            while (i < body.Length && (char.IsAsciiLetterOrDigit(body[i]) || body[i] == '_')) i++;
            var label = body[labelStart..i].ToString();
            if (label.Length == 0) throw Invalid(argument, t, $"expected a label name at position {brace + 1 + labelStart}");
            SkipSpace(body, ref i);
            if (i >= body.Length || body[i] != '=') throw Invalid(argument, t, $"expected '=' after {label}");
            i++;
            if (i < body.Length && body[i] is '~' or '=') throw Invalid(argument, t, "only equality (label=\"value\") is supported, no regex or '=='");
            SkipSpace(body, ref i);
            var value = ReadValue(body, ref i, argument, t);
            if (!filters.TryGetValue(label, out var list)) filters[label] = list = [];
            if (!list.Contains(value)) list.Add(value);
            SkipSpace(body, ref i);
            if (i >= body.Length) break;
            if (body[i] != ',') throw Invalid(argument, t, $"expected ',' or '}}' after the value of {label}");
            i++;
        }
        return new MetricSelector(name, filters.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
    }

    static string ReadValue(ReadOnlySpan<char> s, ref int i, string argument, string text)
    {
        if (i >= s.Length) throw Invalid(argument, text, "a value is missing");
        var quote = s[i];
        if (quote is '"' or '\'')
        {
            var sb = new StringBuilder();
            i++;
            while (i < s.Length && s[i] != quote)
            {
                if (s[i] == '\\' && i + 1 < s.Length) i++;
                sb.Append(s[i]);
                i++;
            }
            if (i >= s.Length) throw Invalid(argument, text, "a quoted value is not closed");
            i++;
            return sb.ToString();
        }
        var start = i;
        while (i < s.Length && s[i] != ',' && !char.IsWhiteSpace(s[i])) i++;
        return s[start..i].ToString();
    }

    static void SkipSpace(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }

    static ToolError Invalid(string argument, string text, string why) => new("invalid_selector",
        $"{argument} '{Text.Clip(text)}' is not a metric selector I can read: {why}.",
        next: "Write a metric name, optionally with equality filters: cpu_utilization{cpu=\"cpu0\"}.");
}
