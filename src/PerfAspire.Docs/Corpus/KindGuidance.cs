using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Corpus;

/// <summary>
/// How to aggregate and query a metric of each kind (docs/ptop-format.md §3 and §4). Pattern names are those of
/// the MCP server's <c>query_get_patterns</c> catalog.
/// </summary>
public static class KindGuidance
{
    public sealed record Guidance(string Meaning, string DefaultPattern, IReadOnlyList<string> OtherPatterns, string Aggregation, string Caution);

    public static Guidance For(MetricKind kind) => kind switch
    {
        MetricKind.Gauge => new(
            "a gauge: each sample is a point value at the sampling time (or the value over the last interval as ptop computed it).",
            "timeseries_avg",
            ["timeseries_max", "summary_stats", "latest_value", "topk"],
            "Average it per time bucket; use the maximum to keep short spikes that averaging hides.",
            "Do not sum gauges over time and do not compute rates from them."),
        MetricKind.Rate => new(
            "a rate: ptop already divided by the sampling interval, so each sample is a per-second (or percent-of-interval) value.",
            "timeseries_avg",
            ["timeseries_max", "summary_stats", "topk"],
            "Average it per time bucket; the maximum shows bursts.",
            "Never difference it and never apply counter_rate: it is already a rate."),
        MetricKind.Counter => new(
            "a counter: it only grows from process (or boot) start, so the raw value says how many since then, not how many now.",
            "counter_rate",
            ["topk", "latest_value", "summary_stats"],
            "Turn it into a per-second rate with counter_rate (LAG per series; a value that goes down is a restart, not a negative rate).",
            "Averaging or graphing the raw value mostly shows the uptime; always look at its rate."),
        MetricKind.Delta => new(
            "a delta: each sample is the count for its sampling interval only.",
            "timeseries_sum",
            ["summary_stats", "topk", "timeseries_max"],
            "Sum it per time bucket; divide by the bucket length for a per-second rate.",
            "Do not apply counter_rate (it is not cumulative) and do not average it across buckets of different lengths."),
        MetricKind.HistogramBucket => new(
            "a histogram bucket count: the number of operations that landed in one log2 latency bucket during the interval.",
            "timeseries_sum",
            ["histogram_ops_per_sec", "histogram_latency_percentile", "topk"],
            "Sum it over time (group_by bucket to keep the distribution); histogram_ops_per_sec gives operations per second; histogram_latency_percentile estimates p50/p95/p99.",
            "Never difference it: the counts are already per interval."),
        MetricKind.HistogramAvg => new(
            "the mean latency of the operations in one latency bucket during the interval.",
            "histogram_latency_percentile",
            ["timeseries_avg", "timeseries_max"],
            "Read it per bucket (group_by bucket) or use histogram_latency_percentile, which weights it by the bucket counts.",
            "Averaging it across buckets without the counts gives a meaningless number: weight by bucket_count_total."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The query_run argument object for a metric's default pattern, as the MCP tools take it.</summary>
    public static string ExampleQuery(string metric, MetricKind kind, IReadOnlyList<LabelSpec> labels)
    {
        var pattern = For(kind).DefaultPattern;
        return kind == MetricKind.HistogramAvg
            ? $$"""{"pattern_name":"{{pattern}}","metric_name":"{{metric.Replace("_bucket_avg_latency_seconds", "_bucket_count_total")}}","quantile":0.95}"""
            : $$"""{"pattern_name":"{{pattern}}","metric_name":"{{metric}}"}""";
    }
}
