using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Query;

/// <summary>
/// A parameterised query shape (a row of <c>query_patterns</c>). The template holds two kinds
/// of holes: identifier placeholders in braces (<c>{view}</c>, <c>{labels}</c>, ...) that
/// <see cref="QueryRenderer"/> fills from catalog entries only, and named bind parameters
/// (<c>$bundle_id</c>, <c>$start_time</c>, ...) whose values are never pasted into the text.
/// </summary>
/// <param name="Name">Public pattern name, e.g. <c>timeseries_avg</c>.</param>
/// <param name="Description">What the pattern computes and when to use it.</param>
/// <param name="SqlTemplate">SQL with placeholders; see <see cref="QueryPlaceholders"/>.</param>
/// <param name="RequiredParams">Parameters a caller must give (metric_name, bundle_id, start_time, end_time).</param>
/// <param name="OptionalParams">Optional parameters with their defaults, in display order.</param>
/// <param name="Kinds">Metric kinds the pattern is meaningful for; the renderer refuses others.</param>
/// <param name="ExampleUsage">A sample call.</param>
public sealed record QueryPattern(
    string Name,
    string Description,
    string SqlTemplate,
    IReadOnlyList<string> RequiredParams,
    IReadOnlyList<QueryParameterDefault> OptionalParams,
    IReadOnlyList<MetricKind> Kinds,
    string ExampleUsage)
{
    public bool Supports(MetricKind kind) => Kinds.Contains(kind);
}

/// <summary>An optional parameter and its default (null = no default: the filter is simply absent).</summary>
public sealed record QueryParameterDefault(string Name, object? Default, string Description);

/// <summary>The identifier placeholders a template may use. Each is filled from the catalog, never from user text.</summary>
public static class QueryPlaceholders
{
    /// <summary>Target schema, e.g. <c>perf</c> (used as <c>{schema}.time_bucket</c>).</summary>
    public const string Schema = "{schema}";
    /// <summary>Schema-qualified metric view, e.g. <c>perf.cpu_utilization</c>.</summary>
    public const string View = "{view}";
    /// <summary>Schema-qualified base table of the metric, e.g. <c>perf.ptops_dbwr</c>.</summary>
    public const string Table = "{table}";
    /// <summary>The metric's local labels as <c>, l1, l2</c> (empty for a group without labels).</summary>
    public const string Labels = "{labels}";
    /// <summary>Like <see cref="Labels"/> without the histogram bucket label.</summary>
    public const string GroupLabels = "{group_labels}";
    /// <summary>Validated label filters as <c> AND l1 = $label_0 ...</c> (empty when none).</summary>
    public const string LabelFilters = "{label_filters}";
    /// <summary>Bucket count column of a histogram table.</summary>
    public const string CountColumn = "{count_column}";
    /// <summary>Per-bucket average latency column of a histogram table.</summary>
    public const string LatencyColumn = "{latency_column}";
    /// <summary>The histogram bucket label column.</summary>
    public const string BucketLabel = "{bucket_label}";

    public static readonly IReadOnlyList<string> All = [Schema, View, Table, Labels, GroupLabels, LabelFilters, CountColumn, LatencyColumn, BucketLabel];
}
