using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Query;

/// <summary>
/// The query patterns shipped in <c>query_patterns</c>. Every template runs unchanged with and without
/// TimescaleDB because it calls <c>{schema}.time_bucket</c>, which the migration defines in both modes.
/// Series identity is bundle + host + every local label (docs/ptop-format.md §4).
/// </summary>
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

    /// <summary>Every pattern's required parameters (metric_name names the view; the rest are bind values).</summary>
    public static readonly IReadOnlyList<string> Required = ["metric_name", "bundle_id", "start_time", "end_time"];

    public const double DefaultStepSeconds = 60;
    public const int DefaultK = 10;
    public const double DefaultQuantile = 0.95;

    static readonly QueryParameterDefault Step = new("step_seconds", DefaultStepSeconds, "Width of a time bucket in seconds (pick it so a series has at most ~500 points).");
    static readonly QueryParameterDefault Filters = new("label_filters", null, "Label equality filters, e.g. {\"cpu\": \"cpu0\"} or {\"device\": [\"sda\", \"sdb\"]}; only the metric's own labels are accepted.");
    static readonly QueryParameterDefault K = new("k", DefaultK, "Number of series kept per time bucket.");
    static readonly QueryParameterDefault Quantile = new("quantile", DefaultQuantile, "Quantile between 0 and 1 (0.5 = median, 0.99 = p99).");
    static readonly QueryParameterDefault Origin = new("origin", "start_time",
        "Buckets start at origin + n x step_seconds: the first at start_time (without a start, the tools use 2000-01-03T00:00:00Z).");

    static readonly MetricKind[] Averageable = [MetricKind.Gauge, MetricKind.Rate, MetricKind.Delta, MetricKind.HistogramAvg];

    const string Where = """
        WHERE bundle_id = $bundle_id
          AND ts BETWEEN $start_time AND $end_time{label_filters}
        """;

    static string Bucketed(string aggregate) => $"""
        SELECT {"{schema}"}.time_bucket($step_seconds * INTERVAL '1 second', ts, $origin) AS ts_bucket,
               {aggregate} AS value,
               bundle_id, sptid, host{"{labels}"}
        FROM {"{view}"}
        {Where}
        GROUP BY ts_bucket, bundle_id, sptid, host{"{labels}"}
        ORDER BY bundle_id, host{"{labels}"}, ts_bucket
        """;

    public static readonly IReadOnlyList<QueryPattern> All =
    [
        new(TimeseriesAvg,
            "Average per time bucket and series. The default for gauges and for rates ptop already computed (never difference a rate).",
            Bucketed("avg(value)"),
            Required, [Step, Origin, Filters], Averageable,
            """{"pattern": "timeseries_avg", "metric_name": "cpu_utilization", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 60, "label_filters": {"cpu": "cpu"}}"""),

        new(TimeseriesMax,
            "Maximum per time bucket and series: shows short peaks that an average hides.",
            Bucketed("max(value)"),
            Required, [Step, Origin, Filters], Averageable,
            """{"pattern": "timeseries_max", "metric_name": "disk_busy_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}"""),

        new(TimeseriesSum,
            "Sum per time bucket and series, for per-interval counts (kind delta) and histogram bucket counts: the number of events in each bucket of time.",
            Bucketed("sum(value)"),
            Required, [Step, Origin, Filters], [MetricKind.Delta, MetricKind.HistogramBucket],
            """{"pattern": "timeseries_sum", "metric_name": "dbmpool_cache_misses", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}"""),

        new(CounterRate,
            "Per-second rate of a monotonic counter. Each sample is compared with the previous sample of the same series (LAG over bundle, host and every label, ordered by ts); " +
            "a decrease is a counter reset (process restart), so the increase after it is the new value itself, never a negative rate. " +
            "The value of a time bucket is the total increase divided by the seconds covered.",
            $$"""
            WITH samples AS (
              SELECT ts, value, bundle_id, sptid, host{labels},
                     lag(value) OVER series AS prev_value,
                     lag(ts) OVER series AS prev_ts
              FROM {view}
              WHERE bundle_id = $bundle_id
                AND ts BETWEEN $start_time AND $end_time{label_filters}
              WINDOW series AS (PARTITION BY bundle_id, host{labels} ORDER BY ts)
            ), increases AS (
              SELECT ts, bundle_id, sptid, host{labels},
                     {{CounterSql.Increase("value", "prev_value")}} AS increase,
                     {{CounterSql.Seconds("ts", "prev_ts")}} AS seconds
              FROM samples
              WHERE prev_value IS NOT NULL AND ts > prev_ts
            )
            SELECT {schema}.time_bucket($step_seconds * INTERVAL '1 second', ts, $origin) AS ts_bucket,
                   sum(increase) / sum(seconds) AS value,
                   bundle_id, sptid, host{labels}
            FROM increases
            GROUP BY ts_bucket, bundle_id, sptid, host{labels}
            ORDER BY bundle_id, host{labels}, ts_bucket
            """,
            Required, [Step, Origin, Filters], [MetricKind.Counter],
            """{"pattern": "counter_rate", "metric_name": "fpports_rx_packets_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 60, "label_filters": {"port": "port0"}}"""),

        new(TopK,
            "The k series with the highest average in each time bucket (rank 1 = highest), e.g. the busiest threads or disks. Use a step as wide as the window for one overall ranking.",
            """
            WITH buckets AS (
              SELECT {schema}.time_bucket($step_seconds * INTERVAL '1 second', ts, $origin) AS ts_bucket,
                     avg(value) AS value,
                     bundle_id, sptid, host{labels}
              FROM {view}
              WHERE bundle_id = $bundle_id
                AND ts BETWEEN $start_time AND $end_time{label_filters}
              GROUP BY ts_bucket, bundle_id, sptid, host{labels}
            ), ranked AS (
              SELECT buckets.*,
                     row_number() OVER (PARTITION BY ts_bucket ORDER BY value DESC, host{labels}) AS rank
              FROM buckets
            )
            SELECT ts_bucket, value, bundle_id, sptid, host{labels}, rank
            FROM ranked
            WHERE rank <= $k
            ORDER BY ts_bucket, rank
            """,
            Required, [Step, Origin, K, Filters], Averageable,
            """{"pattern": "topk", "metric_name": "top_cpu_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 3600, "k": 10}"""),

        new(HistogramOpsPerSec,
            "Operations per second from a latency histogram: the bucket counts of every latency bucket summed per time bucket and divided by the step. " +
            "Time buckets cut by the window edges cover less than a full step and read low.",
            """
            SELECT {schema}.time_bucket($step_seconds * INTERVAL '1 second', ts, $origin) AS ts_bucket,
                   sum(value) / $step_seconds AS value,
                   bundle_id, sptid, host{group_labels}
            FROM {view}
            WHERE bundle_id = $bundle_id
              AND ts BETWEEN $start_time AND $end_time{label_filters}
            GROUP BY ts_bucket, bundle_id, sptid, host{group_labels}
            ORDER BY bundle_id, host{group_labels}, ts_bucket
            """,
            Required, [Step, Origin, Filters], [MetricKind.HistogramBucket],
            """{"pattern": "histogram_ops_per_sec", "metric_name": "dbwr_bucket_count_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}"""),

        new(HistogramLatencyPercentile,
            "Estimated latency quantile per time bucket from a latency histogram. Per latency bucket the operations are summed and their average latency is count-weighted; " +
            "buckets are ordered by that latency and the estimate is the average latency of the bucket holding the operation at rank quantile x total (nearest rank). " +
            "Exact to the resolution of the log2 buckets; 'operations' says how many operations the estimate rests on.",
            """
            WITH per_bucket AS (
              SELECT {schema}.time_bucket($step_seconds * INTERVAL '1 second', ts, $origin) AS ts_bucket,
                     bundle_id, sptid, host{group_labels}, {bucket_label} AS bucket,
                     sum({count_column})::double precision AS ops,
                     sum({count_column} * {latency_column}) / sum({count_column})::double precision AS avg_latency
              FROM {table}
              WHERE bundle_id = $bundle_id
                AND ts BETWEEN $start_time AND $end_time
                AND {count_column} > 0 AND {latency_column} IS NOT NULL{label_filters}
              GROUP BY ts_bucket, bundle_id, sptid, host{group_labels}, {bucket_label}
            ), cumulative AS (
              SELECT per_bucket.*,
                     sum(ops) OVER (PARTITION BY ts_bucket, bundle_id, host{group_labels} ORDER BY avg_latency, bucket ROWS UNBOUNDED PRECEDING) AS cum_ops,
                     sum(ops) OVER (PARTITION BY ts_bucket, bundle_id, host{group_labels}) AS total_ops
              FROM per_bucket
            )
            SELECT DISTINCT ON (bundle_id, host{group_labels}, ts_bucket)
                   ts_bucket, avg_latency AS value, bundle_id, sptid, host{group_labels}, total_ops AS operations
            FROM cumulative
            WHERE cum_ops >= $quantile * total_ops
            ORDER BY bundle_id, host{group_labels}, ts_bucket, cum_ops
            """,
            Required, [Step, Origin, Quantile, Filters], [MetricKind.HistogramBucket, MetricKind.HistogramAvg],
            """{"pattern": "histogram_latency_percentile", "metric_name": "dbwr_bucket_count_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300, "quantile": 0.99}"""),

        new(LatestValue,
            "The most recent sample of every series in the window (for counters: the total so far).",
            """
            SELECT DISTINCT ON (bundle_id, host{labels})
                   ts, value, bundle_id, sptid, host{labels}
            FROM {view}
            WHERE bundle_id = $bundle_id
              AND ts BETWEEN $start_time AND $end_time{label_filters}
            ORDER BY bundle_id, host{labels}, ts DESC
            """,
            Required, [Filters], [.. Enum.GetValues<MetricKind>()],
            """{"pattern": "latest_value", "metric_name": "mem_available_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z"}"""),

        new(SummaryStats,
            "Per series over the whole window: number of samples, min, average, max and 95th percentile (continuous), with the first and last sample time.",
            """
            SELECT bundle_id, sptid, host{labels},
                   count(*) AS samples,
                   min(value) AS min_value,
                   avg(value) AS avg_value,
                   max(value) AS max_value,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95_value,
                   min(ts) AS first_ts,
                   max(ts) AS last_ts
            FROM {view}
            WHERE bundle_id = $bundle_id
              AND ts BETWEEN $start_time AND $end_time{label_filters}
            GROUP BY bundle_id, sptid, host{labels}
            ORDER BY bundle_id, host{labels}
            """,
            Required, [Filters], [.. Enum.GetValues<MetricKind>()],
            """{"pattern": "summary_stats", "metric_name": "disk_busy_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z"}"""),
    ];

    /// <summary>A pattern by name, ignoring case and surrounding blanks; null for anything else.</summary>
    public static QueryPattern? Find(string? name) =>
        name is { Length: > 0 and <= 64 } ? All.FirstOrDefault(p => p.Name == name.Trim().ToLowerInvariant()) : null;

    /// <summary>The pattern a plain "give me this metric over time" request should use for a kind.</summary>
    public static QueryPattern DefaultFor(MetricKind kind) => Find(kind switch
    {
        MetricKind.Counter => CounterRate,
        MetricKind.Delta or MetricKind.HistogramBucket => TimeseriesSum,
        _ => TimeseriesAvg,
    })!;

    /// <summary>Patterns usable for a metric of <paramref name="kind"/>.</summary>
    public static IEnumerable<QueryPattern> For(MetricKind kind) => All.Where(p => p.Supports(kind));
}
