using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Cheap, index-backed questions about one metric in one bundle (is there any sample, where do they start and end,
/// does the series rollup hold it) that explain an empty answer or pick the cheaper source for a query.
/// </summary>
public static class ProbeSql
{
    /// <summary>Boolean: the metric has at least one sample in the bundle.</summary>
    public static RenderedQuery AnyInBundle(string schema, CatalogMetric metric, string bundleId)
    {
        var p = new QueryParameters();
        var bundle = p.Add("bundle_id", bundleId);
        return p.Query($"SELECT EXISTS (SELECT 1 FROM {SqlIdentifier.Qualify(schema, metric.View)} WHERE bundle_id = {bundle}{LoadVisibility.Guard(schema, metric.Table, bundle)})");
    }

    /// <summary>Boolean: the metric has at least one sample in the bundle between start and end (inclusive).</summary>
    public static RenderedQuery AnyInWindow(string schema, CatalogMetric metric, string bundleId, DateTimeOffset start, DateTimeOffset end)
    {
        var p = new QueryParameters();
        var bundle = p.Add("bundle_id", bundleId);
        return p.Query($"SELECT EXISTS (SELECT 1 FROM {SqlIdentifier.Qualify(schema, metric.View)} WHERE bundle_id = {bundle}{LoadVisibility.Guard(schema, metric.Table, bundle)} " +
                       $"AND ts BETWEEN {p.Add("start_time", start.UtcDateTime)} AND {p.Add("end_time", end.UtcDateTime)})");
    }

    /// <summary>Timestamp: the first (or last) sample of the metric in the bundle; NULL when there is none.</summary>
    public static RenderedQuery SampleEdge(string schema, CatalogMetric metric, string bundleId, bool last)
    {
        var p = new QueryParameters();
        var bundle = p.Add("bundle_id", bundleId);
        return p.Query($"SELECT {(last ? "max" : "min")}(ts) FROM {SqlIdentifier.Qualify(schema, metric.View)} WHERE bundle_id = {bundle}{LoadVisibility.Guard(schema, metric.Table, bundle)}");
    }

    /// <summary>Boolean: the rollup table exists (databases migrated before it existed have none).</summary>
    public static RenderedQuery RollupExists(string schema)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT to_regclass({p.Add("table", SqlIdentifier.Qualify(schema, RollupSql.Table))}) IS NOT NULL");
    }

    /// <summary>
    /// Boolean: the rollup holds rows of the metric for the bundle and, when <paramref name="needsIncrease"/> (counter
    /// rates), every row has its increase (bundles loaded before the rollup kept it have none).
    /// </summary>
    public static RenderedQuery RollupHasRows(string schema, string bundleId, string metric, bool needsIncrease = false)
    {
        var p = new QueryParameters();
        var rows = $"FROM {SqlIdentifier.Qualify(schema, RollupSql.Table)} WHERE bundle_id = {p.Add("bundle_id", bundleId)} AND metric = {p.Add("metric", metric)}";
        return p.Query(needsIncrease
            ? $"SELECT EXISTS (SELECT 1 {rows}) AND NOT EXISTS (SELECT 1 {rows} AND increase IS NULL)"
            : $"SELECT EXISTS (SELECT 1 {rows})");
    }

    /// <summary>Boolean: the time-bucketed rollup table exists.</summary>
    public static RenderedQuery BucketsExist(string schema)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT to_regclass({p.Add("table", SqlIdentifier.Qualify(schema, RollupSql.BucketsTable))}) IS NOT NULL");
    }

    /// <summary>
    /// Boolean: the time-bucketed rollup holds the table's rows for the bundle, with the metric's column, and for
    /// counter rates with the counter steps (NULL when the samples arrived out of time order).
    /// </summary>
    public static RenderedQuery BucketsHaveRows(string schema, string bundleId, string table, string column, bool needsIncrease)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT EXISTS (SELECT 1 FROM {SqlIdentifier.Qualify(schema, RollupSql.BucketsTable)} " +
                       $"WHERE bundle_id = {p.Add("bundle_id", bundleId)} AND table_name = {p.Add("table_name", table)} " +
                       $"AND bucket_seconds = {p.Add("bucket_seconds", RollupSql.BucketSeconds)} " +
                       $"AND {p.Add("column_name", column)} = ANY(columns)" + (needsIncrease ? " AND increase IS NOT NULL)" : ")"));
    }
}
