namespace PerfAspire.Schema.Query;

/// <summary>One query to render: a pattern applied to a metric of one bundle over a time window.</summary>
public sealed record QueryRequest
{
    public required string Pattern { get; init; }
    public required CatalogMetric Metric { get; init; }
    public required string BundleId { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }

    /// <summary>Bucket width in seconds; default <see cref="QueryPatterns.DefaultStepSeconds"/>.</summary>
    public double? StepSeconds { get; init; }

    /// <summary>Where time buckets are counted from (<see cref="BucketOrigin"/>); default <see cref="Start"/>, so the
    /// first bucket starts at the window's start.</summary>
    public DateTimeOffset? Origin { get; init; }

    /// <summary>topk: series per time bucket; default <see cref="QueryPatterns.DefaultK"/>.</summary>
    public int? K { get; init; }

    /// <summary>histogram_latency_percentile: quantile in (0, 1]; default <see cref="QueryPatterns.DefaultQuantile"/>.</summary>
    public double? Quantile { get; init; }

    public IReadOnlyList<LabelFilter> Filters { get; init; } = [];

    /// <summary>
    /// histogram_latency_percentile only: the other histogram metric of the same table (the histogram_avg metric
    /// when <see cref="Metric"/> is the bucket count, or the reverse). Find it in the catalog by base_table and kind.
    /// </summary>
    public CatalogMetric? Companion { get; init; }
}
