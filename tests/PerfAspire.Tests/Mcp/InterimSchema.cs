using System.Text;
using System.Text.Json;
using Npgsql;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// Stand-in for the schema migrator until it is merged: tables, per-metric and alias views, catalogs, the
/// lifecycle tables, the plain-PostgreSQL time_bucket and the read-only role, all generated from the spec in
/// the seed §3/§4 shapes. Replace every use with the migrator when it lands.
/// </summary>
public static class InterimSchema
{
    public const string Schema = "perf";
    public const string ReaderRole = "perf_reader";

    public static async Task ApplyAsync(string connectionString)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"CREATE SCHEMA IF NOT EXISTS {Schema};");
        sb.AppendLine($"""
            CREATE OR REPLACE FUNCTION {Schema}.time_bucket(bucket_width interval, ts timestamptz) RETURNS timestamptz
              LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_bin(bucket_width, ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') $$;
            """);
        sb.AppendLine(LifecycleDdl.Script.Replace("{schema}", Schema));
        foreach (var g in SchemaSpec.Default.Groups)
        {
            var cols = new List<string> { "ts timestamptz NOT NULL", "bundle_id text NOT NULL", "sptid text", "metric_category text NOT NULL", "host text NOT NULL" };
            cols.AddRange(g.Labels.Select(l => $"{l.Name} {l.SqlType}"));
            cols.AddRange(g.Metrics.Select(m => $"{m.Column} {m.SqlType}"));
            sb.AppendLine($"CREATE TABLE {Schema}.{g.Table} ({string.Join(", ", cols)});");
            sb.AppendLine($"CREATE INDEX ON {Schema}.{g.Table} (bundle_id, ts DESC);");
            var labels = string.Concat(g.Labels.Select(l => ", " + l.Name));
            foreach (var m in g.Metrics)
            {
                var select = $"SELECT ts, {m.Column} AS value, bundle_id, sptid, metric_category, host{labels} FROM {Schema}.{g.Table} WHERE {m.Column} IS NOT NULL";
                sb.AppendLine($"CREATE VIEW {Schema}.{g.MetricName(m)} AS {select};");
                foreach (var a in m.AliasList) sb.AppendLine($"CREATE VIEW {Schema}.{a} AS {select};");
            }
        }
        sb.AppendLine($"""
            CREATE TABLE {Schema}.metric_catalog (metric_name text PRIMARY KEY, base_table text NOT NULL, column_name text NOT NULL,
              metric_kind text NOT NULL, unit text, description text, aliases text[] DEFAULT '{"{}"}', local_labels text[], created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE {Schema}.table_schemas (table_name text PRIMARY KEY, record_group text NOT NULL, metric_category text NOT NULL,
              global_columns text[], local_columns jsonb, metric_columns jsonb, created_at timestamptz NOT NULL DEFAULT now());
            """);

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand(sb.ToString(), conn)) await cmd.ExecuteNonQueryAsync();

        foreach (var g in SchemaSpec.Default.Groups)
        {
            await using (var cmd = new NpgsqlCommand($"INSERT INTO {Schema}.table_schemas (table_name, record_group, metric_category, global_columns, local_columns, metric_columns) VALUES (@t, @g, @c, @gc, @lc::jsonb, @mc::jsonb)", conn))
            {
                cmd.Parameters.AddWithValue("t", g.Table);
                cmd.Parameters.AddWithValue("g", g.RecordGroup);
                cmd.Parameters.AddWithValue("c", g.Category);
                cmd.Parameters.AddWithValue("gc", CommonColumns.All.ToArray());
                cmd.Parameters.AddWithValue("lc", JsonSerializer.Serialize(g.Labels.ToDictionary(l => l.Name, l => l.SqlType)));
                cmd.Parameters.AddWithValue("mc", JsonSerializer.Serialize(g.Metrics.ToDictionary(m => m.Column, m => m.SqlType)));
                await cmd.ExecuteNonQueryAsync();
            }
            foreach (var m in g.Metrics)
            {
                await using var cmd = new NpgsqlCommand($"INSERT INTO {Schema}.metric_catalog (metric_name, base_table, column_name, metric_kind, unit, description, aliases, local_labels) VALUES (@n, @t, @c, @k, @u, @d, @a, @l)", conn);
                cmd.Parameters.AddWithValue("n", g.MetricName(m));
                cmd.Parameters.AddWithValue("t", g.Table);
                cmd.Parameters.AddWithValue("c", m.Column);
                cmd.Parameters.AddWithValue("k", m.Kind.ToSql());
                cmd.Parameters.AddWithValue("u", m.Unit);
                cmd.Parameters.AddWithValue("d", m.Description);
                cmd.Parameters.AddWithValue("a", m.AliasList.ToArray());
                cmd.Parameters.AddWithValue("l", g.LabelNames.ToArray());
                await cmd.ExecuteNonQueryAsync();
            }
        }

        // Roles are cluster-wide: create once, grant per database.
        await using (var cmd = new NpgsqlCommand($"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ReaderRole}') THEN CREATE ROLE {ReaderRole} NOLOGIN; END IF;
            END $$;
            GRANT USAGE ON SCHEMA {Schema} TO {ReaderRole};
            GRANT SELECT ON ALL TABLES IN SCHEMA {Schema} TO {ReaderRole};
            """, conn))
        {
            try { await cmd.ExecuteNonQueryAsync(); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation) { await cmd.ExecuteNonQueryAsync(); }
        }
    }
}
