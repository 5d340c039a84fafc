using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Sql;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class RoleTests(DatabaseFixture db)
{
    static async Task<string?> TryAsReaderAsync(string cs, string role, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SET LOCAL ROLE {role}", conn)) await set.ExecuteNonQueryAsync();
        try
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e.SqlState;
        }
    }

    [Fact]
    public async Task Reader_can_select_everything_and_change_nothing()
    {
        var (cs, result) = await SchemaDb.CreateMigratedAsync(db);
        Assert.DoesNotContain(DatabaseCapabilities.WarningRolesSkipped, result.Warnings);
        await SchemaDb.ExecAsync(cs, "INSERT INTO perf.ptops_cpu (ts, bundle_id, metric_category, host, cpu, utilization) VALUES (now(), 'b1', 'cpu', 'h', 'cpu', 1)");
        var reader = SchemaRoles.ReaderFor("perf");

        Assert.Null(await TryAsReaderAsync(cs, reader, "SELECT * FROM perf.cpu_utilization"));
        Assert.Null(await TryAsReaderAsync(cs, reader, "SELECT * FROM perf.cpu_utilization_percent"));
        Assert.Null(await TryAsReaderAsync(cs, reader, "SELECT * FROM perf.metric_catalog, perf.query_patterns, perf.table_schemas, perf.bundles, perf.database_capabilities LIMIT 1"));
        Assert.Null(await TryAsReaderAsync(cs, reader, "SELECT perf.time_bucket(INTERVAL '1 minute', now())"));
        Assert.Null(await TryAsReaderAsync(cs, reader, "SELECT perf.time_bucket(INTERVAL '1 minute', now(), TIMESTAMPTZ '2025-06-28 00:00:17+00')"));

        const string denied = "42501";
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "INSERT INTO perf.ptops_cpu (ts, bundle_id, metric_category, host) VALUES (now(), 'x', 'cpu', 'h')"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "UPDATE perf.ptops_cpu SET utilization = 0"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "DELETE FROM perf.ptops_cpu"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "TRUNCATE perf.ptops_cpu"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "UPDATE perf.metric_catalog SET description = 'x'"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "CREATE TABLE perf.evil (x int)"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "CREATE VIEW perf.evil AS SELECT 1"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "DROP VIEW perf.cpu_utilization"));
        Assert.Equal(denied, await TryAsReaderAsync(cs, reader, "ALTER TABLE perf.ptops_cpu ADD COLUMN evil int"));
        Assert.Equal(1L, await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.ptops_cpu"));
    }

    [Fact]
    public async Task Reader_sees_objects_created_later_and_writer_can_write()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        await using var ds = NpgsqlDataSource.Create(cs);
        var layout = new PerfAspire.Schema.Runtime.TableLayout(new PerfAspire.Schema.Spec.TableGroup("FPLATE", "ptops_fp_late", "fplate", "fastpath", "FASTPATH", [],
            [new PerfAspire.Schema.Spec.MetricSpec("x_total", PerfAspire.Schema.Spec.MetricKind.Counter, "count", "Late table.")], "Late.", true));
        await new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(layout);

        Assert.Null(await TryAsReaderAsync(cs, SchemaRoles.ReaderFor("perf"), "SELECT * FROM perf.fplate_x_total"));
        var writer = SchemaRoles.WriterFor("perf");
        Assert.Null(await TryAsReaderAsync(cs, writer, "INSERT INTO perf.ptops_fp_late (ts, bundle_id, metric_category, host, x_total) VALUES (now(), 'b', 'fastpath', 'h', 1)"));
        Assert.Null(await TryAsReaderAsync(cs, writer, "INSERT INTO perf.ingest_runs (bundle_id, state) VALUES ('b', 'running')"));
        Assert.Equal("42501", await TryAsReaderAsync(cs, writer, "CREATE TABLE perf.evil (x int)"));
    }

    [Fact]
    public async Task Without_createrole_the_roles_are_skipped_with_a_note_and_the_schema_still_migrates()
    {
        var user = "u_" + Guid.NewGuid().ToString("N")[..10];
        var dbName = "t_" + Guid.NewGuid().ToString("N")[..16];
        // The test server accepts TCP connections with a password only.
        var password = "p_" + Guid.NewGuid().ToString("N");
        await SchemaDb.ExecAsync(db.AdminConnectionString, $"CREATE ROLE {user} LOGIN NOCREATEROLE NOSUPERUSER PASSWORD '{password}'");
        await SchemaDb.ExecAsync(db.AdminConnectionString, $"CREATE DATABASE {dbName} OWNER {user}");
        var cs = new NpgsqlConnectionStringBuilder(db.AdminConnectionString) { Database = dbName, Username = user, Password = password }.ConnectionString;
        var schema = "s" + Guid.NewGuid().ToString("N")[..10];

        await using var ds = NpgsqlDataSource.Create(cs);
        var result = await SchemaMigrator.MigrateAsync(ds, SchemaDb.Settings with { Schema = schema });

        Assert.True(result.Applied);
        Assert.Contains(DatabaseCapabilities.WarningRolesSkipped, result.Warnings);
        Assert.Contains(result.Notes, n => n.Contains($"{schema}_reader") && n.Contains("CREATEROLE"));
        Assert.Contains("CREATEROLE", result.Capabilities.RolesDetail);
        Assert.Equal(0L, await SchemaDb.ScalarAsync<long>(cs, $"SELECT count(*) FROM {schema}.cpu_utilization"));
    }
}
