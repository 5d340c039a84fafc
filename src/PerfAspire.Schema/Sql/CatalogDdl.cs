using System.Text;
using System.Text.Json;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Sql;

/// <summary>How catalog rows are written.</summary>
public enum CatalogWrite
{
    /// <summary>Insert new rows and bring existing ones up to the spec (migrations: the spec is the authority).</summary>
    Upsert,
    /// <summary>Insert new rows only (run-time auto-update: never rewrites what a migration wrote).</summary>
    InsertMissing,
}

/// <summary>The discovery catalogs with their public columns, and their rows generated from the spec.</summary>
internal static class CatalogDdl
{
    public static void AppendTables(StringBuilder sb, SchemaScriptOptions o)
    {
        var s = SqlIdentifier.Quote(o.Schema);
        sb.Append($"""
            CREATE TABLE IF NOT EXISTS {s}.{SchemaObjectNames.MetricCatalog} (
              metric_name TEXT PRIMARY KEY,
              base_table TEXT NOT NULL,
              column_name TEXT NOT NULL,
              metric_kind TEXT NOT NULL,
              unit TEXT,
              description TEXT,
              aliases TEXT[] DEFAULT '{"{}"}',
              local_labels TEXT[],
              created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );

            CREATE TABLE IF NOT EXISTS {s}.{SchemaObjectNames.TableSchemas} (
              table_name TEXT PRIMARY KEY,
              record_group TEXT NOT NULL,
              metric_category TEXT NOT NULL,
              global_columns TEXT[],
              local_columns JSONB,
              metric_columns JSONB,
              created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );

            CREATE TABLE IF NOT EXISTS {s}.{SchemaObjectNames.QueryPatterns} (
              pattern_name TEXT PRIMARY KEY,
              description TEXT,
              sql_template TEXT,
              required_params TEXT[],
              optional_params JSONB,
              example_usage TEXT
            );


            """);
    }

    public static void AppendTableSchemaRows(StringBuilder sb, IEnumerable<TableGroup> groups, bool includeTextRecords, SchemaScriptOptions o, CatalogWrite mode)
    {
        var rows = groups.Select(g => Row(
            SqlIdentifier.Literal(g.Table), SqlIdentifier.Literal(g.RecordGroup), SqlIdentifier.Literal(g.Category),
            TextArray(CommonColumns.All), Json(g.Labels.Select(l => (l.Name, l.SqlType))), Json(g.Metrics.Select(m => (m.Column, m.SqlType))))).ToList();
        if (includeTextRecords)
        {
            rows.Add(Row(SqlIdentifier.Literal(TextRecordsSpec.Table), SqlIdentifier.Literal(TextRecordsSpec.RecordGroup), SqlIdentifier.Literal(TextRecordsSpec.Category),
                TextArray(CommonColumns.All), Json(TextRecordsSpec.LocalColumns.Select(c => (c.Name, c.SqlType))), "'{}'::jsonb"));
        }
        if (rows.Count == 0) return;

        sb.Append("INSERT INTO ").Append(SqlIdentifier.Qualify(o.Schema, SchemaObjectNames.TableSchemas))
          .Append(" AS t (table_name, record_group, metric_category, global_columns, local_columns, metric_columns) VALUES\n")
          .Append(string.Join(",\n", rows)).Append('\n');
        // Column maps only grow: run-time discovered columns stay in the catalog when the spec is re-applied.
        sb.Append(mode == CatalogWrite.Upsert
            ? """
              ON CONFLICT (table_name) DO UPDATE SET
                record_group = EXCLUDED.record_group,
                metric_category = EXCLUDED.metric_category,
                global_columns = EXCLUDED.global_columns,
                local_columns = t.local_columns || EXCLUDED.local_columns,
                metric_columns = t.metric_columns || EXCLUDED.metric_columns
              WHERE (t.record_group, t.metric_category, t.global_columns) IS DISTINCT FROM (EXCLUDED.record_group, EXCLUDED.metric_category, EXCLUDED.global_columns)
                 OR NOT (t.local_columns @> EXCLUDED.local_columns AND t.metric_columns @> EXCLUDED.metric_columns);


              """
            : """
              ON CONFLICT (table_name) DO UPDATE SET
                local_columns = t.local_columns || EXCLUDED.local_columns,
                metric_columns = t.metric_columns || EXCLUDED.metric_columns
              WHERE NOT (t.local_columns @> EXCLUDED.local_columns AND t.metric_columns @> EXCLUDED.metric_columns);


              """);
    }

    public static void AppendMetricRows(StringBuilder sb, IEnumerable<TableGroup> groups, SchemaScriptOptions o, CatalogWrite mode)
    {
        var rows = groups.SelectMany(g => g.Metrics.Select(m => Row(
            SqlIdentifier.Literal(g.MetricName(m)), SqlIdentifier.Literal(g.Table), SqlIdentifier.Literal(m.Column),
            SqlIdentifier.Literal(m.Kind.ToSql()), SqlIdentifier.Literal(m.Unit), SqlIdentifier.Literal(m.Description),
            TextArray(m.AliasList), TextArray([.. g.LabelNames])))).ToList();
        if (rows.Count == 0) return;

        sb.Append("INSERT INTO ").Append(SqlIdentifier.Qualify(o.Schema, SchemaObjectNames.MetricCatalog))
          .Append(" AS c (metric_name, base_table, column_name, metric_kind, unit, description, aliases, local_labels) VALUES\n")
          .Append(string.Join(",\n", rows)).Append('\n');
        sb.Append(mode == CatalogWrite.Upsert
            ? """
              ON CONFLICT (metric_name) DO UPDATE SET
                base_table = EXCLUDED.base_table,
                column_name = EXCLUDED.column_name,
                metric_kind = EXCLUDED.metric_kind,
                unit = EXCLUDED.unit,
                description = EXCLUDED.description,
                aliases = EXCLUDED.aliases,
                local_labels = EXCLUDED.local_labels
              WHERE (c.base_table, c.column_name, c.metric_kind, c.unit, c.description, c.aliases, c.local_labels)
                IS DISTINCT FROM (EXCLUDED.base_table, EXCLUDED.column_name, EXCLUDED.metric_kind, EXCLUDED.unit, EXCLUDED.description, EXCLUDED.aliases, EXCLUDED.local_labels);


              """
            : "ON CONFLICT (metric_name) DO NOTHING;\n\n");
    }

    public static void AppendPatternRows(StringBuilder sb, IEnumerable<QueryPattern> patterns, SchemaScriptOptions o)
    {
        var rows = patterns.Select(p => Row(
            SqlIdentifier.Literal(p.Name), SqlIdentifier.Literal(p.Description), SqlIdentifier.Literal(p.SqlTemplate),
            TextArray(p.RequiredParams), OptionalParamsJson(p), SqlIdentifier.Literal(p.ExampleUsage))).ToList();
        sb.Append("INSERT INTO ").Append(SqlIdentifier.Qualify(o.Schema, SchemaObjectNames.QueryPatterns))
          .Append(" AS p (pattern_name, description, sql_template, required_params, optional_params, example_usage) VALUES\n")
          .Append(string.Join(",\n", rows)).Append('\n');
        sb.Append("""
            ON CONFLICT (pattern_name) DO UPDATE SET
              description = EXCLUDED.description,
              sql_template = EXCLUDED.sql_template,
              required_params = EXCLUDED.required_params,
              optional_params = EXCLUDED.optional_params,
              example_usage = EXCLUDED.example_usage
            WHERE (p.description, p.sql_template, p.required_params, p.optional_params, p.example_usage)
              IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.sql_template, EXCLUDED.required_params, EXCLUDED.optional_params, EXCLUDED.example_usage);


            """);
    }

    static string Row(params string[] values) => "  (" + string.Join(", ", values) + ")";

    static string TextArray(IReadOnlyList<string> values) =>
        values.Count == 0 ? "'{}'::text[]" : "ARRAY[" + string.Join(", ", values.Select(SqlIdentifier.Literal)) + "]::text[]";

    static string Json(IEnumerable<(string Key, string Value)> pairs)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var (k, v) in pairs) w.WriteString(k, v);
            w.WriteEndObject();
        }
        return SqlIdentifier.Literal(Encoding.UTF8.GetString(ms.ToArray())) + "::jsonb";
    }

    static string OptionalParamsJson(QueryPattern p)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var d in p.OptionalParams)
            {
                switch (d.Default)
                {
                    case null: w.WriteNull(d.Name); break;
                    case int i: w.WriteNumber(d.Name, i); break;
                    case double x: w.WriteNumber(d.Name, x); break;
                    case string s: w.WriteString(d.Name, s); break;
                    default: throw new InvalidOperationException($"pattern {p.Name}: unsupported default for {d.Name}");
                }
            }
            w.WriteEndObject();
        }
        return SqlIdentifier.Literal(Encoding.UTF8.GetString(ms.ToArray())) + "::jsonb";
    }
}
