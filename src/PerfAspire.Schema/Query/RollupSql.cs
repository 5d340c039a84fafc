using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>How queries address the per-bundle series rollup (<see cref="RollupDdl"/>, written by ingestion).</summary>
public static class RollupSql
{
    public const string Table = "bundle_series";

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
