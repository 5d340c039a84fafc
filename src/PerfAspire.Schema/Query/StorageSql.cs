using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// What the record-group tables hold, read without scanning them (system_health calls it first). Rows are a catalog
/// count: what the loaded bundles wrote per table, from their load summaries (exact, and there right after a load,
/// when the planner statistics of fresh chunks are still empty). Bytes are the table's, its chunks' and their
/// compressed chunks' <c>pg_total_relation_size</c> (indexes, TOAST). The compressed fraction is 1 minus the
/// share of rows still in a hypertable's row store: a chunk whose heap is empty holds none (all of it compressed), a
/// small heap (up to <see cref="CountedHeapBytes"/>) is counted, a larger one is the planner's or the live-tuple
/// estimate.
/// </summary>
public static class StorageSql
{
    /// <summary>Row-store heaps up to this size are counted exactly; a count this small is a few milliseconds.</summary>
    public const long CountedHeapBytes = 1 << 20;

    /// <summary>Says how <see cref="Tables"/> measures, for the answers that report it.</summary>
    public const string Method = "rows: written by the loaded bundles (load summaries); bytes: on disk incl. indexes and TOAST; "
        + "compressed_fraction: rows not in the row store / rows (null without TimescaleDB)";

    /// <summary>
    /// Columns: table_name, rows (bigint), bytes (bigint), compressed_fraction (double precision, null for a table
    /// that is not a hypertable, without TimescaleDB, or without rows). One row per record-group table that exists.
    /// </summary>
    public static RenderedQuery Tables(string schema, bool timescale)
    {
        var p = new QueryParameters();
        var with = Common(schema, p);
        if (!timescale)
        {
            return p.Query($"""
                {with}
                SELECT t.table_name, COALESCE(l.rows, 0)::bigint, pg_total_relation_size(t.oid), NULL::double precision
                FROM t LEFT JOIN loaded l ON l.table_name = t.table_name
                ORDER BY t.table_name
                """);
        }
        // A chunk's own heap holds only its row-store rows; compressed batches live in a separate compressed chunk.
        return p.Query($"""
            {with},
            h AS (
              SELECT t.*, EXISTS (SELECT 1 FROM _timescaledb_catalog.hypertable x
                                  WHERE x.schema_name = t.nspname AND x.table_name = t.table_name) AS hyper
              FROM t
            ),
            s AS (
              SELECT h.table_name, COALESCE(l.rows, 0)::bigint AS rows,
                     {TimescaleBytes("h")} AS bytes,
                     CASE WHEN hyper THEN (
                       SELECT COALESCE(sum(CASE
                         WHEN pg_relation_size(ch) = 0 THEN 0
                         WHEN pg_relation_size(ch) <= {CountedHeapBytes} THEN
                           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM ONLY %s', ch), false, true, '')))[1]::text::bigint
                         ELSE GREATEST(k.reltuples::bigint, pg_stat_get_live_tuples(ch), 0) END), 0)
                       FROM show_chunks(h.oid) ch JOIN pg_catalog.pg_class k ON k.oid = ch) END AS row_store
              FROM h LEFT JOIN loaded l ON l.table_name = h.table_name
            )
            SELECT table_name, rows, COALESCE(bytes, 0),
                   CASE WHEN row_store IS NULL OR rows <= 0 THEN NULL
                        ELSE GREATEST(0, 1 - LEAST(1, row_store / rows::double precision)) END
            FROM s ORDER BY table_name
            """);
    }

    /// <summary>
    /// Columns: bundle_id, bytes_estimate (bigint). A loaded bundle's share of the bytes of each table it wrote
    /// rows to (its rows there over the rows every loaded bundle wrote there), summed. Bundles share chunks and
    /// pages, so this is an estimate; bundles that are not loaded get no row.
    /// </summary>
    public static RenderedQuery BundleBytes(string schema, bool timescale)
    {
        var p = new QueryParameters();
        var with = Common(schema, p);
        var size = timescale ? TimescaleBytes("t") : "pg_total_relation_size(t.oid)";
        return p.Query($"""
            {with},
            per_table AS (
              SELECT l.table_name, l.rows, {size} AS bytes
              FROM loaded l JOIN t ON t.table_name = l.table_name
              WHERE l.rows > 0
            )
            SELECT pb.bundle_id, round(sum(pb.rows * pt.bytes / pt.rows))::bigint
            FROM per_bundle pb JOIN per_table pt ON pt.table_name = pb.table_name
            GROUP BY pb.bundle_id ORDER BY pb.bundle_id
            """);
    }

    /// <summary>
    /// One text column: a digest of every bundle's id, state, rows and load time. Whatever changes the figures'
    /// rows or a bundle's share (a load, an incremental category load, an unload, a purge, a failed load's
    /// clean-up) changes a bundle row, so equal digests mean the cached figures still hold for the bundles. One
    /// index-free read of a table of a few rows per bundle.
    /// </summary>
    public static RenderedQuery Fingerprint(string schema)
    {
        var p = new QueryParameters();
        return p.Query($"""
            SELECT md5(COALESCE(string_agg(concat_ws('|', bundle_id, state, rows_total, extract(epoch FROM loaded_at)), ',' ORDER BY bundle_id), ''))
            FROM {SqlIdentifier.Qualify(schema, "bundles")}
            """);
    }

    /// <summary>
    /// A table's bytes with its chunks and their compressed chunks (indexes and TOAST included), summed from the
    /// extension's chunk catalog: what <c>hypertable_size</c> answers, without its per-chunk function calls (about
    /// 45 ms per hypertable on 2.28.3, seconds over every table). 0 added for a table that is not a hypertable.
    /// </summary>
    static string TimescaleBytes(string alias) => $"""
        (pg_total_relation_size({alias}.oid) + COALESCE((
           SELECT sum(pg_total_relation_size(to_regclass(format('%I.%I', k.schema_name, k.table_name))))
           FROM _timescaledb_catalog.hypertable x
           JOIN _timescaledb_catalog.chunk k ON k.hypertable_id IN (x.id, x.compressed_hypertable_id)
           WHERE x.schema_name = {alias}.nspname AND x.table_name = {alias}.table_name), 0))
        """;

    /// <summary>
    /// CTEs t (the record-group tables that exist: table_name, nspname, oid), per_bundle (bundle_id, table_name,
    /// rows of each loaded bundle) and loaded (table_name, rows over every loaded bundle).
    /// </summary>
    static string Common(string schema, QueryParameters p)
    {
        var schemaParam = p.Add("schema", schema);
        return $"""
            WITH t AS (
              SELECT g.table_name, n.nspname, c.oid
              FROM {SqlIdentifier.Qualify(schema, SchemaObjectNames.TableSchemas)} g
              JOIN pg_catalog.pg_namespace n ON n.nspname = {schemaParam}
              JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = g.table_name AND c.relkind IN ('r', 'p')
            ),
            per_bundle AS (
              SELECT b.bundle_id, r.key AS table_name, r.value::bigint AS rows
              FROM {SqlIdentifier.Qualify(schema, "bundles")} b,
                   jsonb_each_text(CASE WHEN jsonb_typeof(b.summary -> 'rows_per_table') = 'object' THEN b.summary -> 'rows_per_table' ELSE jsonb_build_object() END) r
              WHERE b.state = 'loaded'
            ),
            loaded AS (
              SELECT table_name, sum(rows) AS rows FROM per_bundle GROUP BY table_name
            )
            """;
    }
}
