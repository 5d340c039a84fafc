namespace PerfAspire.Schema.Spec;

/// <summary>
/// Names of the objects in the schema that are not record-group tables. Tables, views and indexes share one
/// namespace in PostgreSQL, so no metric or alias may take one of these names.
/// </summary>
public static class SchemaObjectNames
{
    public const string MetricCatalog = "metric_catalog";
    public const string TableSchemas = "table_schemas";
    public const string QueryPatterns = "query_patterns";
    public const string SchemaVersion = "schema_version";
    public const string DatabaseCapabilities = "database_capabilities";
    public const string TimeBucket = "time_bucket";
    public const string BundleSeries = "bundle_series";
    public const string BundleBuckets = "bundle_buckets";

    public static readonly IReadOnlyList<string> All =
    [
        MetricCatalog, TableSchemas, QueryPatterns, SchemaVersion, DatabaseCapabilities, TimeBucket,
        CommonColumns.TextRecordsTable, "bundles", "bundle_files", "ingest_runs", "doc_embeddings", BundleSeries, BundleBuckets,
    ];
}
