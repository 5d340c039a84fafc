namespace PerfAspire.Schema.Sql;

/// <summary>
/// Bundle lifecycle tables: bundles, their files and ingest runs. Owned by ingestion;
/// included verbatim by the migration script (the <c>{schema}</c> placeholder is the target schema).
/// Written with IF NOT EXISTS / ADD COLUMN IF NOT EXISTS so an older database is upgraded in place.
/// </summary>
internal static class LifecycleDdl
{
    public const string Script = """
        CREATE TABLE IF NOT EXISTS {schema}.bundles (
          bundle_id TEXT PRIMARY KEY,
          bundle_hash TEXT NOT NULL,
          source_path TEXT NOT NULL,
          sptid TEXT,
          host TEXT NOT NULL,
          host_id TEXT,
          ptop_version TEXT,
          sample_interval_seconds INTEGER,
          categories TEXT[] NOT NULL DEFAULT '{}',
          state TEXT NOT NULL,
          active BOOLEAN NOT NULL DEFAULT false,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          loaded_at TIMESTAMPTZ,
          time_start TIMESTAMPTZ,
          time_end TIMESTAMPTZ,
          rows_total BIGINT NOT NULL DEFAULT 0,
          values_total BIGINT NOT NULL DEFAULT 0,
          logs_processed INTEGER NOT NULL DEFAULT 0,
          summary JSONB,
          error TEXT
        );
        CREATE INDEX IF NOT EXISTS bundles_hash_idx ON {schema}.bundles (bundle_hash);
        CREATE UNIQUE INDEX IF NOT EXISTS bundles_one_active_idx ON {schema}.bundles (active) WHERE active;

        CREATE TABLE IF NOT EXISTS {schema}.bundle_files (
          bundle_id TEXT NOT NULL REFERENCES {schema}.bundles (bundle_id) ON DELETE CASCADE,
          member_path TEXT NOT NULL,
          file_name TEXT NOT NULL,
          file_ts TIMESTAMPTZ,
          size_bytes BIGINT,
          sha256 TEXT,
          categories TEXT[] NOT NULL DEFAULT '{}',
          lines_read BIGINT NOT NULL DEFAULT 0,
          rows_written BIGINT NOT NULL DEFAULT 0,
          malformed_lines BIGINT NOT NULL DEFAULT 0,
          stats JSONB,
          PRIMARY KEY (bundle_id, member_path)
        );

        CREATE TABLE IF NOT EXISTS {schema}.ingest_runs (
          run_id BIGSERIAL PRIMARY KEY,
          bundle_id TEXT NOT NULL,
          started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          finished_at TIMESTAMPTZ,
          state TEXT NOT NULL,
          categories TEXT[] NOT NULL DEFAULT '{}',
          progress JSONB,
          summary JSONB,
          error TEXT
        );
        CREATE INDEX IF NOT EXISTS ingest_runs_bundle_idx ON {schema}.ingest_runs (bundle_id, started_at DESC);

        -- Added by ingestion (additive, idempotent): what a bundle was made from and which job ran a load.
        ALTER TABLE {schema}.bundles ADD COLUMN IF NOT EXISTS source_kind TEXT;
        ALTER TABLE {schema}.bundles ADD COLUMN IF NOT EXISTS max_files INTEGER;
        ALTER TABLE {schema}.bundles ADD COLUMN IF NOT EXISTS ptop_args TEXT;
        ALTER TABLE {schema}.bundles ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ;
        CREATE INDEX IF NOT EXISTS bundles_loaded_at_idx ON {schema}.bundles (loaded_at);
        ALTER TABLE {schema}.ingest_runs ADD COLUMN IF NOT EXISTS job_id TEXT;
        CREATE INDEX IF NOT EXISTS ingest_runs_job_idx ON {schema}.ingest_runs (job_id);
        """;
}
