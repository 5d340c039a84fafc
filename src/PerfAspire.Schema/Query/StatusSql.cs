using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>The reads behind system_health: schema version, bundle and load totals, the active bundle, chunk counts.</summary>
public static class StatusSql
{
    /// <summary>Columns: version, applied_at, group_count, metric_count of the newest migration (at most one row).</summary>
    public static RenderedQuery SchemaVersion(string schema) =>
        new($"SELECT version, applied_at, group_count, metric_count FROM {SqlIdentifier.Qualify(schema, SchemaObjectNames.SchemaVersion)} ORDER BY version DESC LIMIT 1", []);

    /// <summary>
    /// One row: loaded bundles, the oldest loaded_at, bundles loaded more than <paramref name="retentionDays"/> ago
    /// (retention is by load age), and the rows of every bundle.
    /// </summary>
    public static RenderedQuery BundleTotals(string schema, int retentionDays)
    {
        var p = new QueryParameters();
        return p.Query($"""
            SELECT count(*) FILTER (WHERE state = 'loaded'), min(loaded_at),
                   count(*) FILTER (WHERE loaded_at < now() - make_interval(days => {p.Add("retention_days", retentionDays)})), coalesce(sum(rows_total), 0)
            FROM {SqlIdentifier.Qualify(schema, "bundles")}
            """);
    }

    /// <summary>One bigint: ingest runs that failed.</summary>
    public static RenderedQuery FailedRuns(string schema) =>
        new($"SELECT count(*) FROM {SqlIdentifier.Qualify(schema, "ingest_runs")} WHERE state = 'failed'", []);

    /// <summary>Columns: bundle_id, host, sptid, state, time_start, time_end, rows_total, loaded_at of the active bundle (at most one row).</summary>
    public static RenderedQuery ActiveBundle(string schema) =>
        new($"SELECT bundle_id, host, sptid, state, time_start, time_end, rows_total, loaded_at FROM {SqlIdentifier.Qualify(schema, "bundles")} WHERE active LIMIT 1", []);

    /// <summary>One row: the TimescaleDB chunks of the schema's hypertables and how many are compressed (TimescaleDB only).</summary>
    public static RenderedQuery Chunks(string schema)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT count(*), count(*) FILTER (WHERE is_compressed) FROM timescaledb_information.chunks WHERE hypertable_schema = {p.Add("schema", schema)}");
    }
}
