using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Distinct values of one label of one metric in one bundle, a page at a time, ascending. Three sources give the same
/// rows; the caller picks the cheapest that applies.
/// </summary>
public static class LabelValueSql
{
    /// <summary>From the series rollup: one row per series instead of one per sample.</summary>
    public static RenderedQuery FromRollup(string schema, CatalogMetric metric, string label, string bundleId, int rowLimit, int offset)
    {
        var p = new QueryParameters();
        var value = RollupSql.LabelValue(label);
        var where = $"bundle_id = {p.Add("bundle_id", bundleId)} AND metric = {p.Add("metric", metric.View)}";
        return p.Query($"""
            SELECT DISTINCT {value} AS {SqlIdentifier.Quote(label)}
            FROM {SqlIdentifier.Qualify(schema, RollupSql.Table)}
            WHERE {where} AND {value} IS NOT NULL
            ORDER BY 1 LIMIT {p.Add("row_limit", rowLimit)} OFFSET {p.Add("offset", offset)}
            """);
    }

    /// <summary>
    /// A label leading an index (label, bundle_id, ts): walk its distinct values through the index, one probe per value
    /// ("loose index scan"), instead of letting the planner read every sample of the bundle.
    /// </summary>
    public static RenderedQuery LooseIndexScan(string schema, CatalogMetric metric, string label, string bundleId, int rowLimit, int offset)
    {
        var p = new QueryParameters();
        var table = SqlIdentifier.Qualify(schema, metric.Table);
        var l = SqlIdentifier.Quote(label);
        var c = SqlIdentifier.Quote(metric.Column);
        var bundle = p.Add("bundle_id", bundleId);
        return p.Query($"""
            WITH RECURSIVE walk(v) AS (
              (SELECT min({l}) FROM {table} WHERE bundle_id = {bundle} AND {l} IS NOT NULL AND {c} IS NOT NULL{LoadVisibility.Guard(schema, metric.Table, bundle)})
              UNION ALL
              SELECT (SELECT min({l}) FROM {table} WHERE bundle_id = {bundle} AND {l} > walk.v AND {c} IS NOT NULL)
              FROM walk WHERE walk.v IS NOT NULL
            )
            SELECT v AS {l} FROM walk WHERE v IS NOT NULL LIMIT {p.Add("row_limit", rowLimit)} OFFSET {p.Add("offset", offset)}
            """);
    }

    /// <summary>Straight from the metric's view.</summary>
    public static RenderedQuery Distinct(string schema, CatalogMetric metric, string label, string bundleId, int rowLimit, int offset)
    {
        var p = new QueryParameters();
        var col = SqlIdentifier.Quote(label);
        var bundle = p.Add("bundle_id", bundleId);
        return p.Query($"SELECT DISTINCT {col} FROM {SqlIdentifier.Qualify(schema, metric.View)} WHERE bundle_id = {bundle}{LoadVisibility.Guard(schema, metric.Table, bundle)} " +
                       $"AND {col} IS NOT NULL ORDER BY 1 LIMIT {p.Add("row_limit", rowLimit)} OFFSET {p.Add("offset", offset)}");
    }

    /// <summary>Whether the spec indexes this label (label, bundle_id, ts); tables discovered at run time have no such index.</summary>
    public static bool IsIndexed(CatalogMetric metric, string label) =>
        SchemaSpec.Default.ByTable(metric.Table)?.Labels.Any(l => l.Name == label && l.Indexed) == true;
}
