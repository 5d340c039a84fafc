using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>How queries address the per-bundle series rollup (<see cref="RollupDdl"/>, written by ingestion).</summary>
public static class RollupSql
{
    public const string Table = "bundle_series";

    /// <summary>The time-bucketed rollup (<see cref="RollupDdl"/>): per table, series and bucket of <see cref="BucketSeconds"/>.</summary>
    public const string BucketsTable = "bundle_buckets";

    /// <summary>
    /// Width of the time-bucketed rollup: half an hour, the step a whole-bundle query of a ten-day bundle gets by
    /// default; every coarser default step (1 h, 2 h, ... 1 day) is a multiple of it, so the buckets nest.
    /// </summary>
    public const int BucketSeconds = 1800;

    /// <summary>Patterns a whole-bundle query can answer from <see cref="BucketsTable"/>.</summary>
    public static readonly IReadOnlySet<string> BucketPatterns = new HashSet<string>
    {
        QueryPatterns.TimeseriesAvg, QueryPatterns.TimeseriesMax, QueryPatterns.TimeseriesSum, QueryPatterns.CounterRate,
    };

    /// <summary>
    /// A counter series' rate over the whole bundle: the reset-aware increase ingestion summed (<see cref="CounterSql"/>)
    /// over the seconds from its first to its last sample, which is exactly what the samples give.
    /// </summary>
    public const string CounterRate = "increase / nullif(extract(epoch FROM last_ts - first_ts), 0)";

    /// <summary><c>labels ->> 'name'</c> for a catalog label (checked as an identifier, so the literal needs no escaping).</summary>
    public static string LabelValue(string label)
    {
        SqlIdentifier.Quote(label);
        return "labels ->> " + SqlIdentifier.Literal(label);
    }
}
