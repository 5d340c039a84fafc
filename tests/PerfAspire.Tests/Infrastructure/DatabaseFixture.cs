using Npgsql;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema.Database;

namespace PerfAspire.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server per test run: <c>TEST_DATABASE_URL</c> when set, else a throw-away local
/// server from the machine's binaries, of the flavour <see cref="TestFlavour"/> asks for. Each test class asks
/// for a fresh database with <see cref="CreateDatabaseAsync"/> so classes do not see each other's rows.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    LocalPostgresServer? _server;
    string _adminConnectionString = "";

    /// <summary>TimescaleDB can be created in the test databases: installed and preloaded by the server.</summary>
    public bool TimescaleAvailable { get; private set; }

    /// <summary><c>timescale</c> or <c>plain</c>: what the server under test is.</summary>
    public string Flavour => TimescaleAvailable ? "timescale" : "plain";

    /// <summary>
    /// The warning a migration gives on the plain flavour: <c>timescale_unavailable</c> where the machine has no
    /// TimescaleDB, <c>timescale_not_preloaded</c> where it is installed (the plain server only does not preload it).
    /// </summary>
    public string PlainWarning { get; private set; } = TimescaleCheck.UnavailableWarning;

    /// <summary>The running local server (null when TEST_DATABASE_URL is used); fault tests stop and restart it.</summary>
    public LocalPostgresServer? Server => _server;

    public string AdminConnectionString => _adminConnectionString;

    public async Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            _adminConnectionString = ConnectionStrings.Normalize(url);
        }
        else
        {
            _server = await LocalPostgresServer.StartAsync(timescale: TestFlavour.Timescale);
            _adminConnectionString = _server.ConnectionString;
        }

        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync();
        // Installed is not enough: without shared_preload_libraries the extension cannot be created.
        await using var cmd = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
               AND 'timescaledb' = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ','))
            """, conn);
        TimescaleAvailable = (bool)(await cmd.ExecuteScalarAsync())!;
        await using (var installed = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')", conn))
        {
            if ((bool)(await installed.ExecuteScalarAsync())!) PlainWarning = TimescaleCheck.NotPreloadedWarning;
        }
        if (TestFlavour.Timescale == true && !TimescaleAvailable)
        {
            throw new InvalidOperationException($"{TestFlavour.Variable}=timescale but the test server does not preload TimescaleDB.");
        }
        Console.WriteLine(TimescaleAvailable
            ? "[tests] flavour timescale: TimescaleDB is preloaded on the test server, hypertable and columnstore paths are exercised."
            : "[tests] flavour plain: the test server runs without TimescaleDB (timescale_unavailable).");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn)) await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Makes a migrated database usable as a CREATE DATABASE ... TEMPLATE source: nobody may be connected to
    /// it, and on TimescaleDB the extension's scheduler connects to every database that has the extension.
    /// Closing it to connections and ending the sessions already there (waiting until they are gone) makes
    /// cloning deterministic.
    /// </summary>
    public static async Task SealTemplateAsync(string adminConnectionString, string database)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync();
        await using (var close = new NpgsqlCommand($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false", conn)) await close.ExecuteNonQueryAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", conn);
        kill.Parameters.Add(new NpgsqlParameter { Value = database });
        await kill.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
