using System.Text;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Sql;

/// <summary>Record-group tables: columns, hypertable conversion, indexes and compression.</summary>
internal static class TableDdl
{
    public static void AppendCreate(StringBuilder sb, TableGroup g, SchemaScriptOptions o)
    {
        var table = SqlIdentifier.Qualify(o.Schema, g.Table);
        sb.Append("-- ").Append(g.RecordGroup).Append(" (prefix ").Append(g.Prefix).Append(", category ").Append(g.Category).Append(")\n");
        sb.Append("CREATE TABLE IF NOT EXISTS ").Append(table).Append(" (\n");
        var lines = new List<string>
        {
            "ts TIMESTAMPTZ NOT NULL",
            "bundle_id TEXT NOT NULL",
            "sptid TEXT",
            "metric_category TEXT NOT NULL",
            "host TEXT NOT NULL",
        };
        lines.AddRange(g.Labels.Select(l => SqlIdentifier.Quote(l.Name) + " " + l.SqlType.ToUpperInvariant()));
        lines.AddRange(g.Metrics.Select(m => SqlIdentifier.Quote(m.Column) + " " + m.SqlType.ToUpperInvariant()));
        sb.Append(string.Join(",\n", lines.Select(l => "  " + l))).Append("\n);\n");

        if (o.Timescale)
        {
            sb.Append("SELECT create_hypertable(").Append(SqlIdentifier.Literal(table)).Append(", 'ts', chunk_time_interval => INTERVAL '")
              .Append(o.ChunkDays).Append(o.ChunkDays == 1 ? " day" : " days")
              .Append("', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);\n");
        }
        sb.Append('\n');
    }

    public static void AppendCreateTextRecords(StringBuilder sb, SchemaScriptOptions o)
    {
        var table = SqlIdentifier.Qualify(o.Schema, TextRecordsSpec.Table);
        sb.Append("-- Text records: a plain table in both modes (ts may be NULL)\n");
        sb.Append("CREATE TABLE IF NOT EXISTS ").Append(table).Append(" (\n");
        sb.Append(string.Join(",\n", TextRecordsSpec.Columns.Select(c => "  " + SqlIdentifier.Quote(c.Name) + " " + c.SqlType.ToUpperInvariant())));
        sb.Append("\n);\n\n");
    }

    /// <summary>
    /// Adds the columns an older table lacks. ALTER TABLE is issued only for a column that is really missing,
    /// so a no-op migration takes no exclusive lock on a table ingestion may be writing.
    /// </summary>
    public static void AppendMissingColumns(StringBuilder sb, IEnumerable<(string Table, string Column, string SqlType)> columns, SchemaScriptOptions o)
    {
        var rows = columns.Select(c => $"      ({SqlIdentifier.Literal(c.Table)}, {SqlIdentifier.Literal(c.Column)}, {SqlIdentifier.Literal(c.SqlType.ToUpperInvariant())})").ToList();
        if (rows.Count == 0) return;
        var schema = SqlIdentifier.Literal(o.Schema);
        sb.Append($$"""
            -- Columns added since a table was created (an older database is upgraded in place; nothing is dropped).
            DO $do$
            DECLARE
              c record;
            BEGIN
              FOR c IN
                SELECT v.tbl, v.col, v.typ
                FROM (VALUES

            """);
        sb.Append(string.Join(",\n", rows)).Append('\n');
        sb.Append($$"""
                ) AS v(tbl, col, typ)
                WHERE NOT EXISTS (
                  SELECT 1 FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = pg_catalog.format('%I.%I', {{schema}}, v.tbl)::regclass
                    AND a.attname = v.col AND a.attnum > 0 AND NOT a.attisdropped)
              LOOP
                EXECUTE pg_catalog.format('ALTER TABLE %I.%I ADD COLUMN %I %s', {{schema}}, c.tbl, c.col, c.typ);
              END LOOP;
            END
            $do$;


            """);
    }

    public static IEnumerable<(string Table, string Column, string SqlType)> Columns(TableGroup g) =>
        g.Labels.Select(l => (g.Table, l.Name, l.SqlType)).Concat(g.Metrics.Select(m => (g.Table, m.Column, m.SqlType)));

    public static IEnumerable<(string Table, string Column, string SqlType)> TextRecordColumns() =>
        TextRecordsSpec.Columns.Select(c => (TextRecordsSpec.Table, c.Name, c.SqlType.Replace(" NOT NULL", "", StringComparison.Ordinal)));

    public static void AppendIndexes(StringBuilder sb, TableGroup g, SchemaScriptOptions o)
    {
        var table = SqlIdentifier.Qualify(o.Schema, g.Table);
        Index(sb, g.Table + "_bundle_ts_idx", table, "bundle_id, ts DESC");
        Index(sb, g.Table + "_category_ts_idx", table, "metric_category, ts DESC");
        Index(sb, g.Table + "_host_ts_idx", table, "host, ts DESC");
        foreach (var l in g.Labels.Where(l => l.Indexed))
        {
            var col = SqlIdentifier.Quote(l.Name);
            Index(sb, g.Table + "_" + l.Name + "_idx", table, $"{col}, bundle_id, ts DESC", $"{col} IS NOT NULL");
        }
    }

    public static void AppendTextRecordIndexes(StringBuilder sb, SchemaScriptOptions o)
    {
        var table = SqlIdentifier.Qualify(o.Schema, TextRecordsSpec.Table);
        Index(sb, TextRecordsSpec.Table + "_bundle_line_idx", table, "bundle_id, file_name, line_no");
        Index(sb, TextRecordsSpec.Table + "_prefix_ts_idx", table, "bundle_id, prefix, ts");
    }

    static void Index(StringBuilder sb, string name, string table, string columns, string? where = null)
    {
        sb.Append("CREATE INDEX IF NOT EXISTS ").Append(SqlIdentifier.Quote(name)).Append(" ON ").Append(table).Append(" (").Append(columns).Append(')');
        if (where is not null) sb.Append(" WHERE ").Append(where);
        sb.Append(";\n");
    }

    /// <summary>
    /// Compression (Timescale only): segment by bundle and labels so a bundle's rows compress together and an
    /// unload touches only its own segments; order by ts. Settings can only be set before any chunk is
    /// compressed, so they are applied once. The policy ages chunks by creation (load) time where the
    /// extension supports it (2.15+), because bundles carry old samples (docs/ptop-format.md §4).
    /// </summary>
    public static void AppendCompression(StringBuilder sb, TableGroup g, SchemaScriptOptions o)
    {
        var table = SqlIdentifier.Qualify(o.Schema, g.Table);
        var segmentBy = string.Join(", ", new[] { "bundle_id" }.Concat(g.Labels.Select(l => SqlIdentifier.Quote(l.Name))));
        sb.Append($$"""
            DO $do$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                             WHERE hypertable_schema = {{SqlIdentifier.Literal(o.Schema)}} AND hypertable_name = {{SqlIdentifier.Literal(g.Table)}} AND compression_enabled) THEN
                ALTER TABLE {{table}} SET (timescaledb.compress, timescaledb.compress_segmentby = {{SqlIdentifier.Literal(segmentBy)}}, timescaledb.compress_orderby = 'ts');
              END IF;

            """);
        if (o.CompressionAfterDays > 0)
        {
            var interval = $"INTERVAL '{o.CompressionAfterDays} days'";
            sb.Append($$"""
                  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
                      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
                    PERFORM add_compression_policy({{SqlIdentifier.Literal(table)}}, compress_created_before => {{interval}}, if_not_exists => TRUE);
                  ELSE
                    PERFORM add_compression_policy({{SqlIdentifier.Literal(table)}}, compress_after => {{interval}}, if_not_exists => TRUE);
                  END IF;

                """);
        }
        sb.Append("END\n$do$;\n");
    }
}
