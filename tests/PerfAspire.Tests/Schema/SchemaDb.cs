using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

/// <summary>Small helpers for the schema tests: a fresh migrated database and one-line queries.</summary>
internal static class SchemaDb
{
    public static readonly DatabaseSettings Settings = new();

    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static (DatabaseFixture Fixture, string Template, MigrationResult Result)? _template;

    /// <summary>
    /// A database with the shipped schema. The default spec is migrated once per test run into a template
    /// database and cloned (CREATE DATABASE ... TEMPLATE), which is much faster than migrating each time;
    /// tests that pass <paramref name="options"/> get a real migration of their own.
    /// </summary>
    public static async Task<(string ConnectionString, MigrationResult Result)> CreateMigratedAsync(DatabaseFixture db, MigrationOptions? options = null)
    {
        if (options is not null)
        {
            var cs = await db.CreateDatabaseAsync();
            await using var ds = NpgsqlDataSource.Create(cs);
            return (cs, await SchemaMigrator.MigrateAsync(ds, Settings, options));
        }

        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not { } t || !ReferenceEquals(t.Fixture, db))
            {
                var name = "tpl_" + Guid.NewGuid().ToString("N")[..16];
                var tcs = await db.CreateDatabaseAsync(name);
                // No pooling: CREATE DATABASE ... TEMPLATE needs the template to have no open connections.
                await using (var ds = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(tcs) { Pooling = false }.ConnectionString))
                {
                    _template = t = (db, name, await SchemaMigrator.MigrateAsync(ds, Settings));
                }
                await DatabaseFixture.SealTemplateAsync(db.AdminConnectionString, name);
            }
            var clone = "t_" + Guid.NewGuid().ToString("N")[..16];
            await ExecAsync(db.AdminConnectionString, $"CREATE DATABASE \"{clone}\" TEMPLATE \"{t.Template}\"");
            return (new NpgsqlConnectionStringBuilder(db.AdminConnectionString) { Database = clone }.ConnectionString, t.Result);
        }
        finally { TemplateGate.Release(); }
    }

    public static async Task<T> ScalarAsync<T>(string cs, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task ExecAsync(string cs, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<List<object?[]>> RowsAsync(string cs, string sql, params object[] args)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await r.ReadAsync())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Everything a migration could change, as text: columns, view definitions, indexes, functions, catalog rows
    /// (with created_at), schema_version rows, capability row and ACLs. Equal fingerprints = nothing changed.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> FingerprintAsync(string cs, string schema = "perf")
    {
        var parts = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, ordinal_position) FROM information_schema.columns WHERE table_schema = $1",
            "SELECT string_agg(viewname || '=' || definition, ',' ORDER BY viewname) FROM pg_views WHERE schemaname = $1",
            "SELECT string_agg(indexname || '=' || indexdef, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1",
            "SELECT string_agg(p.oid::regprocedure::text || '=' || p.prosrc, ',' ORDER BY p.oid::regprocedure::text) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1",
            "SELECT string_agg(c.relname || '=' || coalesce(c.relacl::text, ''), ',' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1",
        })
        {
            parts.Add(await ScalarAsync<object>(cs, sql, schema) as string ?? "");
        }
        foreach (var table in new[] { "metric_catalog", "table_schemas", "query_patterns", "schema_version", "database_capabilities" })
        {
            parts.Add(await ScalarAsync<object>(cs, $"SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') FROM {schema}.{table} t") as string ?? "");
        }
        string[] names = ["columns", "views", "indexes", "functions", "acls", "metric_catalog", "table_schemas", "query_patterns", "schema_version", "database_capabilities"];
        return names.Zip(parts).ToDictionary(p => p.First, p => p.Second);
    }
}
