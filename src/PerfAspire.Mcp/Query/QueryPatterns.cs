using PerfAspire.Schema.Spec;
using SchemaPatterns = PerfAspire.Schema.Query.QueryPatterns;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// The pattern names tools use, as published by the schema (<see cref="SchemaPatterns"/>, the rows of
/// <c>query_patterns</c>): constants and lookups for code inside the MCP server.
/// </summary>
public static class QueryPatterns
{
    public const string TimeseriesAvg = SchemaPatterns.TimeseriesAvg;
    public const string TimeseriesMax = SchemaPatterns.TimeseriesMax;
    public const string TimeseriesSum = SchemaPatterns.TimeseriesSum;
    public const string CounterRate = SchemaPatterns.CounterRate;
    public const string TopK = SchemaPatterns.TopK;
    public const string HistogramOpsPerSec = SchemaPatterns.HistogramOpsPerSec;
    public const string HistogramLatencyPercentile = SchemaPatterns.HistogramLatencyPercentile;
    public const string LatestValue = SchemaPatterns.LatestValue;
    public const string SummaryStats = SchemaPatterns.SummaryStats;

    public static IReadOnlyList<PerfAspire.Schema.Query.QueryPattern> All => SchemaPatterns.All;

    public static PerfAspire.Schema.Query.QueryPattern? Find(string? name) =>
        name is { Length: > 0 and <= 64 } ? SchemaPatterns.Find(name.Trim().ToLowerInvariant()) : null;

    /// <summary>The pattern for "this metric over time" by catalog kind (counter → counter_rate, delta/histogram_bucket → timeseries_sum, else timeseries_avg).</summary>
    public static string DefaultFor(string kind) =>
        MetricKindNames.TryParse(kind, out var k) ? SchemaPatterns.DefaultFor(k).Name : TimeseriesAvg;
}
