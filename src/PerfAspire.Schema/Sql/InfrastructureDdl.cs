using System.Globalization;
using System.Text;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Sql;

/// <summary>The schema itself, the version and capability tables and <c>time_bucket</c>.</summary>
internal static class InfrastructureDdl
{
    public static void Append(StringBuilder sb, SchemaScriptOptions o)
    {
        var s = SqlIdentifier.Quote(o.Schema);
        sb.Append($"""
            CREATE SCHEMA IF NOT EXISTS {s};

            -- One row per applied migration; the newest row's script hash decides whether a migration is needed.
            CREATE TABLE IF NOT EXISTS {s}.{SchemaObjectNames.SchemaVersion} (
              version INTEGER PRIMARY KEY,
              generator_version INTEGER NOT NULL,
              script_sha256 TEXT NOT NULL,
              timescale BOOLEAN NOT NULL,
              group_count INTEGER NOT NULL,
              metric_count INTEGER NOT NULL,
              applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
              applied_by TEXT NOT NULL DEFAULT current_user
            );

            -- What the database can do (read by system_health): extension version or NULL, compression on/off.
            CREATE TABLE IF NOT EXISTS {s}.{SchemaObjectNames.DatabaseCapabilities} (
              id BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
              timescale_version TEXT,
              timescale_schema TEXT,
              compression_enabled BOOLEAN NOT NULL,
              time_bucket_source TEXT NOT NULL,
              timescale_detail TEXT,
              roles_detail TEXT,
              updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );


            """);

        if (o.Timescale)
        {
            // Queries always call <schema>.time_bucket so they are identical in both modes and independent of
            // search_path; with the extension it is an inlinable wrapper around the extension's own function.
            // The extension's schema is also put on this transaction's search_path for its API calls below.
            sb.Append($$"""
                DO $do$
                DECLARE
                  ext_schema name;
                BEGIN
                  SELECT n.nspname INTO ext_schema
                  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                  WHERE e.extname = 'timescaledb';
                  PERFORM pg_catalog.set_config('search_path', pg_catalog.format('%I, pg_catalog', ext_schema), true);
                  IF ext_schema <> {{SqlIdentifier.Literal(o.Schema)}} THEN
                    EXECUTE pg_catalog.format(
                      'CREATE OR REPLACE FUNCTION %I.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                      {{SqlIdentifier.Literal(o.Schema)}}, pg_catalog.format('SELECT %I.time_bucket(bucket_width, ts)', ext_schema));
                    EXECUTE pg_catalog.format(
                      'CREATE OR REPLACE FUNCTION %I.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ, origin TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                      {{SqlIdentifier.Literal(o.Schema)}}, pg_catalog.format('SELECT %I.time_bucket(bucket_width, ts, origin)', ext_schema));
                  END IF;
                END
                $do$;


                """);
        }
        else
        {
            // Same bucketing as TimescaleDB's time_bucket for sub-month widths (default origin Monday 2000-01-03 UTC,
            // see BucketOrigin), with and without an explicit origin.
            sb.Append($"""
                CREATE OR REPLACE FUNCTION {s}.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
                  LANGUAGE sql IMMUTABLE PARALLEL SAFE
                  AS $fn$ SELECT pg_catalog.date_bin(bucket_width, ts, TIMESTAMPTZ '{BucketOrigin.Default.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}+00') $fn$;

                CREATE OR REPLACE FUNCTION {s}.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ, origin TIMESTAMPTZ) RETURNS TIMESTAMPTZ
                  LANGUAGE sql IMMUTABLE PARALLEL SAFE
                  AS $fn$ SELECT pg_catalog.date_bin(bucket_width, ts, origin) $fn$;


                """);
        }
    }
}
