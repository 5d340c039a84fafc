using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>The reads that load the catalog (tables and metrics) and resolve which bundle a call is about.</summary>
public static class CatalogSql
{
    /// <summary>Columns: table_name, record_group, metric_category, global_columns, local_columns (JSON text), metric_columns (JSON text).</summary>
    public static RenderedQuery Tables(string schema) => new($"""
        SELECT table_name, record_group, metric_category, global_columns, local_columns::text, metric_columns::text
        FROM {SqlIdentifier.Qualify(schema, SchemaObjectNames.TableSchemas)}
        """, []);

    /// <summary>Columns: metric_name, base_table, column_name, metric_kind, unit, description, aliases, local_labels.</summary>
    public static RenderedQuery Metrics(string schema) => new($"""
        SELECT metric_name, base_table, column_name, metric_kind, unit, description, aliases, local_labels
        FROM {SqlIdentifier.Qualify(schema, SchemaObjectNames.MetricCatalog)}
        """, []);

    const string BundleColumns = "bundle_id, sptid, host, state, active, time_start, time_end, sample_interval_seconds, loaded_at";

    /// <summary>The active bundle (at most one row; columns as <see cref="BundleById"/>).</summary>
    public static RenderedQuery ActiveBundle(string schema) =>
        new($"SELECT {BundleColumns} FROM {SqlIdentifier.Qualify(schema, "bundles")} WHERE active LIMIT 1", []);

    /// <summary>Columns: bundle_id, sptid, host, state, active, time_start, time_end, sample_interval_seconds, loaded_at.</summary>
    public static RenderedQuery BundleById(string schema, string bundleId)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT {BundleColumns} FROM {SqlIdentifier.Qualify(schema, "bundles")} WHERE bundle_id = {p.Add("bundle_id", bundleId)}");
    }

    /// <summary>The ids of the most recently loaded bundles, newest first (for "did you mean").</summary>
    public static RenderedQuery RecentBundleIds(string schema, int limit)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT bundle_id FROM {SqlIdentifier.Qualify(schema, "bundles")} ORDER BY loaded_at DESC NULLS LAST LIMIT {p.Add("row_limit", limit)}");
    }
}
