namespace PerfAspire.Schema.Sql;

/// <summary>
/// The per-bundle series rollup written by ingestion: one row per metric and series (table, sptid, host, label
/// values) with the sample count, sum, min, max, first/last sample of the whole bundle and, for counters, the reset-aware
/// increase (<see cref="Query.CounterSql"/>). Whole-window rankings and
/// label-value discovery read it instead of scanning millions of samples. Idempotent, so an older database gains it
/// in place; bundles loaded before it existed simply have no rows here (the query layer then scans).
/// <para>
/// <c>bundle_buckets</c> is the same rollup cut into fixed time buckets (<see cref="Query.RollupSql.BucketSeconds"/>):
/// one row per table, series and bucket, with per metric column (in the order of <c>columns</c>) the sample count, sum
/// and maximum, and for counters the increase and seconds of the steps ending in the bucket (NULL arrays when the
/// steps are unknown). Whole-bundle time series whose step is a multiple of the width read it instead of the samples.
/// </para>
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
        CREATE TABLE IF NOT EXISTS {schema}.bundle_buckets (
          bundle_id TEXT NOT NULL,
          table_name TEXT NOT NULL,
          sptid TEXT,
          host TEXT NOT NULL,
          labels JSONB NOT NULL,
          bucket_seconds INTEGER NOT NULL,
          bucket_start TIMESTAMPTZ NOT NULL,
          columns TEXT[] NOT NULL,
          samples INTEGER[] NOT NULL,
          value_sum DOUBLE PRECISION[] NOT NULL,
          value_max DOUBLE PRECISION[] NOT NULL,
          increase DOUBLE PRECISION[],
          seconds DOUBLE PRECISION[]
        );
        CREATE INDEX IF NOT EXISTS bundle_buckets_table_idx ON {schema}.bundle_buckets (bundle_id, table_name, bucket_seconds);
        """;
}
