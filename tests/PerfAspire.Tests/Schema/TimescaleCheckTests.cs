using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

/// <summary>The classification of what a server offers of TimescaleDB (pure).</summary>
public sealed class TimescaleCheckTests
{
    [Theory]
    [InlineData(null, null, false, "timescale_unavailable")]
    [InlineData(null, null, true, "timescale_unavailable")]
    [InlineData(null, "2.28.3", false, "timescale_not_preloaded")]
    [InlineData("2.28.3", "2.28.3", false, "timescale_not_preloaded")]
    [InlineData(null, "2.28.3", true, null)]
    [InlineData("2.28.3", "2.28.3", true, null)]
    public void Warning_follows_package_and_preload(string? installed, string? available, bool preloaded, string? warning)
    {
        var check = new TimescaleCheck(installed, available, preloaded);
        Assert.Equal(warning, check.Warning);
        Assert.Equal(warning is null, check.Usable);
        if (warning == TimescaleCheck.NotPreloadedWarning)
        {
            Assert.StartsWith("timescale_not_preloaded:", check.Detail);
            Assert.Contains("shared_preload_libraries", check.Detail);
            Assert.Equal(TimescaleCheck.NotPreloadedWarning, TimescaleCheck.WarningOf(check.Detail));
        }
        else if (warning is not null)
        {
            Assert.Equal(TimescaleCheck.UnavailableWarning, TimescaleCheck.WarningOf(check.Detail));
        }
    }
}

/// <summary>
/// Servers with TimescaleDB half there, and connections dropped in the middle of a migration or a probe: the
/// services must come up on plain PostgreSQL with a warning, never crash.
/// </summary>
[Trait("Category", "Database")]
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class TimescaleProbeTests(DatabaseFixture db)
{
    static readonly DatabaseTarget Target = new("", "test", "external");

    [Fact]
    public async Task Installed_but_not_preloaded_runs_as_plain_postgres_with_the_warning_and_the_fix()
    {
        if (db.Server is null) return; // an external TEST_DATABASE_URL cannot be restarted without the preload
        await using var server = await LocalPostgresServer.StartAsync(timescale: false);
        await using var ds = NpgsqlDataSource.Create(server.ConnectionString);
        await using (var conn = await ds.OpenConnectionAsync())
        {
            var check = await TimescaleCheck.ReadAsync(conn);
            Assert.False(check.Preloaded);
            Assert.False(check.Usable);
            if (check.AvailableVersion is null)
            {
                // This machine has no TimescaleDB package: the server is simply plain PostgreSQL.
                Assert.Equal(TimescaleCheck.UnavailableWarning, check.Warning);
                Console.WriteLine("[timescale] package not installed on this machine: not-preloaded case reduced to plain PostgreSQL.");
            }
        }

        var available = await ScalarAsync<long>(ds, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'") > 0;
        var expected = available ? TimescaleCheck.NotPreloadedWarning : TimescaleCheck.UnavailableWarning;

        var first = await SchemaMigrator.MigrateAsync(ds, SchemaDb.Settings);
        Assert.True(first.Applied);
        Assert.Contains(expected, first.Warnings);
        Assert.False(first.Capabilities.TimescaleAvailable);
        Assert.Equal("date_bin", first.Capabilities.TimeBucketSource);
        Assert.Equal(expected, first.Capabilities.Warnings.Single());
        Assert.Equal(0L, await ScalarAsync<long>(ds, "SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'"));

        // A second start finds the schema current and the same warning.
        var second = await SchemaMigrator.MigrateAsync(ds, SchemaDb.Settings);
        Assert.False(second.Applied);
        Assert.Contains(expected, second.Warnings);

        var status = await new DatabaseProbe(ds, Target).ProbeAsync();
        Assert.True(status.Reachable);
        Assert.Null(status.TimescaleVersion);
        Assert.Equal([expected], status.Warnings);
        var health = await new DatabaseHealthCheck(new DatabaseProbe(ds, Target)).CheckHealthAsync(
            new HealthCheckContext { Registration = new HealthCheckRegistration("db", _ => null!, HealthStatus.Unhealthy, null) });
        Assert.Equal(HealthStatus.Healthy, health.Status);
        if (available)
        {
            Assert.Contains("timescale_not_preloaded", status.TimescaleDetail);
            Assert.Contains("shared_preload_libraries", health.Description);
        }
    }

    [Fact]
    public async Task A_connection_dropped_during_the_migration_is_replaced_and_the_migration_completes()
    {
        var cs = await db.CreateDatabaseAsync();
        var killed = 0;
        var builder = new NpgsqlDataSourceBuilder(cs);
        // Fault injection: the first physical connection is terminated by the server right after it opens, so
        // the migrator's first statement meets a dead connection.
        builder.UsePhysicalConnectionInitializer(_ => { }, async conn =>
        {
            if (Interlocked.Exchange(ref killed, 1) == 0) await TerminateAsync(conn.ProcessID);
        });
        await using var ds = builder.Build();

        var result = await SchemaMigrator.MigrateAsync(ds, SchemaDb.Settings);

        Assert.Equal(1, killed);
        Assert.True(result.Applied);
        Assert.Equal(1, result.SchemaVersion);
        Assert.Equal(1L, await ScalarAsync<long>(ds, "SELECT count(*) FROM perf.schema_version"));
    }

    [Fact]
    public async Task A_connection_dropped_during_the_probe_is_replaced_and_the_probe_answers()
    {
        var cs = await db.CreateDatabaseAsync();
        var killed = 0;
        var builder = new NpgsqlDataSourceBuilder(cs);
        builder.UsePhysicalConnectionInitializer(_ => { }, async conn =>
        {
            if (Interlocked.Exchange(ref killed, 1) == 0) await TerminateAsync(conn.ProcessID);
        });
        await using var ds = builder.Build();

        var status = await new DatabaseProbe(ds, Target).ProbeAsync();

        Assert.Equal(1, killed);
        Assert.True(status.Reachable, status.Error);
        Assert.NotNull(status.ServerVersion);
    }

    async Task TerminateAsync(int pid)
    {
        await using var admin = new NpgsqlConnection(db.AdminConnectionString);
        await admin.OpenAsync();
        // The timeout form waits until the backend is really gone, so the next statement on it must fail.
        await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend($1, 10000)", admin);
        cmd.Parameters.Add(new NpgsqlParameter { Value = pid });
        Assert.True((bool)(await cmd.ExecuteScalarAsync())!);
    }

    static async Task<T> ScalarAsync<T>(NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
