namespace PerfAspire.Mcp.Query;

/// <summary>
/// A query pattern the builder can fill (seed §6.1, §4.1 <c>query_patterns</c>). <see cref="Kinds"/> are the
/// metric kinds it is meant for; using it on another kind is allowed for the time-series patterns with a warning.
/// </summary>
public sealed record QueryPattern(
    string Name,
    string Description,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> RequiredParams,
    IReadOnlyDictionary<string, object?> OptionalParams,
    string ExampleUsage,
    string Result);

public static class QueryPatterns
{
    public const string TimeseriesAvg = "timeseries_avg";
    public const string TimeseriesMax = "timeseries_max";
    public const string TimeseriesSum = "timeseries_sum";
    public const string CounterRate = "counter_rate";
    public const string TopK = "topk";
    public const string HistogramOpsPerSec = "histogram_ops_per_sec";
    public const string HistogramLatencyPercentile = "histogram_latency_percentile";
    public const string LatestValue = "latest_value";
    public const string SummaryStats = "summary_stats";

    static readonly string[] Required = ["metric_name", "bundle_id", "start_time", "end_time"];

    static Dictionary<string, object?> Opt(params (string, object?)[] p) => p.ToDictionary(x => x.Item1, x => x.Item2);

    public static IReadOnlyList<QueryPattern> All { get; } =
    [
        new(TimeseriesAvg, "Average of the metric per time bucket, one series per label combination. The default for gauges and rates.",
            ["gauge", "rate", "histogram_avg"], Required, Opt(("step_seconds", "auto (<= ~500 points)"), ("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"timeseries_avg","metric_name":"cpu_utilization","filters":{"cpu":"cpu"}}""",
            "rows (ts_bucket, value, <labels>)"),
        new(TimeseriesMax, "Maximum of the metric per time bucket, per series. Use it to keep short spikes that averaging hides.",
            ["gauge", "rate", "histogram_avg"], Required, Opt(("step_seconds", "auto"), ("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"timeseries_max","metric_name":"disk_busy_percent"}""",
            "rows (ts_bucket, value, <labels>)"),
        new(TimeseriesSum, "Sum of the metric per time bucket, per series. For per-interval counts (delta and histogram_bucket kinds).",
            ["delta", "histogram_bucket"], Required, Opt(("step_seconds", "auto"), ("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"timeseries_sum","metric_name":"dbmpool_cache_misses"}""",
            "rows (ts_bucket, value, <labels>)"),
        new(CounterRate, "Per-second rate of a monotonic counter: LAG per series (partitioned by all labels, ordered by ts); a decrease is a counter reset (the new value counts as the increase), never a negative rate. Averaged per bucket; series collapsed by group_by are summed.",
            ["counter"], Required, Opt(("step_seconds", "auto"), ("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"counter_rate","metric_name":"fpports_rx_packets_total","filters":{"port":"port0"}}""",
            "rows (ts_bucket, value = per second, <labels>)"),
        new(TopK, "The k series with the highest average (order_by=avg) or maximum (order_by=max) over the whole window, e.g. the threads using most CPU. For counters the value is the average rate over the window.",
            ["gauge", "rate", "counter", "delta", "histogram_bucket", "histogram_avg"], Required, Opt(("k", 10), ("order_by", "avg"), ("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"topk","metric_name":"top_cpu_percent","k":10}""",
            "rows (<labels>, value, max_value, samples)"),
        new(HistogramOpsPerSec, "Operations per second from a latency histogram's bucket counts (sum of counts per time bucket / step). group_by [\"bucket\"] splits it per latency bucket.",
            ["histogram_bucket"], Required, Opt(("step_seconds", "auto"), ("filters", null), ("group_by", "none (all buckets summed)")),
            """query_run {"pattern_name":"histogram_ops_per_sec","metric_name":"dbwr_bucket_count_total"}""",
            "rows (ts_bucket, value = ops/s, <labels>)"),
        new(HistogramLatencyPercentile, "Estimated latency percentile per time bucket from a histogram (DBWR/DBWA/DBRD): buckets in index order, the first whose cumulative count reaches quantile x total; its count-weighted average latency is the estimate (seconds).",
            ["histogram_bucket", "histogram_avg"], Required, Opt(("quantile", 0.99), ("step_seconds", "auto")),
            """query_run {"pattern_name":"histogram_latency_percentile","metric_name":"dbwr_bucket_count_total","quantile":0.95}""",
            "rows (ts_bucket, value = seconds, bucket, total_ops)"),
        new(LatestValue, "The last sample of every series in the window.",
            ["gauge", "rate", "counter", "delta", "histogram_bucket", "histogram_avg"], Required, Opt(("filters", null)),
            """query_run {"pattern_name":"latest_value","metric_name":"mem_available_percent"}""",
            "rows (ts, value, <labels>)"),
        new(SummaryStats, "min / avg / max / p95 and sample count per series over the window, highest average first.",
            ["gauge", "rate", "counter", "delta", "histogram_bucket", "histogram_avg"], Required, Opt(("filters", null), ("group_by", "all labels")),
            """query_run {"pattern_name":"summary_stats","metric_name":"disk_busy_percent"}""",
            "rows (<labels>, min, avg, max, p95, samples, first_ts, last_ts)"),
    ];

    public static QueryPattern? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The pattern to use for a metric when the caller does not name one.</summary>
    public static string DefaultFor(string kind) => kind switch
    {
        "counter" => CounterRate,
        "delta" or "histogram_bucket" => TimeseriesSum,
        _ => TimeseriesAvg,
    };
}
