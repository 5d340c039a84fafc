using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>How queries address the per-bundle series rollup (<see cref="RollupDdl"/>, written by ingestion).</summary>
public static class RollupSql
{
    public const string Table = "bundle_series";

    /// <summary><c>labels ->> 'name'</c> for a catalog label (checked as an identifier, so the literal needs no escaping).</summary>
    public static string LabelValue(string label)
    {
        SqlIdentifier.Quote(label);
        return "labels ->> " + SqlIdentifier.Literal(label);
    }
}
