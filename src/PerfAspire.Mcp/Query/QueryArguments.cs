using System.Text.Json;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// The arguments of query_build_sql / query_run (and of any tool built on the query layer), exactly as the model
/// sends them; <see cref="QueryPlanner"/> validates every one. Times: ISO-8601, epoch ms, bundle_start/bundle_end.
/// Filters: <c>{label: value}</c> or <c>{label: [values]}</c>.
/// </summary>
public sealed record QueryArguments
{
    public string? Pattern { get; init; }
    public string? Metric { get; init; }
    public string? BundleId { get; init; }
    public JsonElement? Start { get; init; }
    public JsonElement? End { get; init; }
    public double? StepSeconds { get; init; }
    public JsonElement? Filters { get; init; }
    public IReadOnlyList<string>? GroupBy { get; init; }
    public int? K { get; init; }
    public double? Quantile { get; init; }

    /// <summary>topk over the whole window: rank by <c>avg</c> (default) or <c>max</c>.</summary>
    public string? OrderBy { get; init; }
    public int? MaxRows { get; init; }

    /// <summary>Wraps a plain string (time text or epoch digits) for <see cref="Start"/>/<see cref="End"/>.</summary>
    public static JsonElement? Json(string? text) => text is null ? null : JsonSerializer.SerializeToElement(text);

    /// <summary>Builds a <see cref="Filters"/> value from a dictionary of label → values.</summary>
    public static JsonElement? Json(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters) =>
        filters is null ? null : JsonSerializer.SerializeToElement(filters);
}
