namespace PerfAspire.Schema.Sql;

/// <summary>
/// The per-bundle series rollup written by ingestion: one row per metric and series (table, sptid, host, label
/// values) with the sample count, sum, min, max, first/last sample of the whole bundle and, for counters, the reset-aware
/// increase (<see cref="Query.CounterSql"/>). Whole-window rankings and
/// label-value discovery read it instead of scanning millions of samples. Idempotent, so an older database gains it
/// in place; bundles loaded before it existed simply have no rows here (the query layer then scans).
/// </summary>
internal static class RollupDdl
{
    public const string Script = """
        CREATE TABLE IF NOT EXISTS {schema}.bundle_series (
          bundle_id TEXT NOT NULL,
          table_name TEXT NOT NULL,
          metric TEXT NOT NULL,
          sptid TEXT,
          host TEXT NOT NULL,
          labels JSONB NOT NULL,
          samples BIGINT NOT NULL,
          value_sum DOUBLE PRECISION,
          value_min DOUBLE PRECISION,
          value_max DOUBLE PRECISION,
          first_ts TIMESTAMPTZ,
          last_ts TIMESTAMPTZ,
          first_value DOUBLE PRECISION,
          last_value DOUBLE PRECISION,
          increase DOUBLE PRECISION
        );
        ALTER TABLE {schema}.bundle_series ADD COLUMN IF NOT EXISTS increase DOUBLE PRECISION;
        CREATE INDEX IF NOT EXISTS bundle_series_metric_idx ON {schema}.bundle_series (bundle_id, metric);
        CREATE INDEX IF NOT EXISTS bundle_series_table_idx ON {schema}.bundle_series (bundle_id, table_name);
        """;
}
