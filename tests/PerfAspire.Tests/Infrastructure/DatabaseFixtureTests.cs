using Npgsql;

namespace PerfAspire.Tests.Infrastructure;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class DatabaseFixtureTests(DatabaseFixture db)
{
    [Fact]
    public async Task Fixture_gives_a_real_server_and_fresh_databases()
    {
        var cs = await db.CreateDatabaseAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_database(), version()", conn);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.StartsWith("t_", r.GetString(0));
        Assert.Contains("PostgreSQL", r.GetString(1));
    }

    [Fact]
    public async Task The_server_is_the_flavour_that_was_asked_for()
    {
        var asked = TestFlavour.Timescale;
        if (asked is not null) Assert.Equal(asked.Value, db.TimescaleAvailable);
        Assert.Equal(db.TimescaleAvailable ? "timescale" : "plain", db.Flavour);

        // On the timescale flavour the extension really is created in a fresh database; on plain it cannot be.
        var cs = await db.CreateDatabaseAsync();
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries')", conn);
        var preload = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.Equal(db.TimescaleAvailable, preload.Contains("timescaledb", StringComparison.Ordinal));
        if (db.TimescaleAvailable)
        {
            await using var create = new NpgsqlCommand("CREATE EXTENSION timescaledb; SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'", conn);
            Assert.Matches(@"^\d+\.\d+", (string)(await create.ExecuteScalarAsync())!);
        }
    }

    [Fact]
    public void Every_class_on_the_shared_server_carries_the_database_trait()
    {
        // ./test.sh re-runs Category=database on TimescaleDB: a database test without the trait would silently
        // run on plain PostgreSQL only.
        static bool Has(Type t, Type attribute, params string[] args) => t.GetCustomAttributesData().Any(d =>
            d.AttributeType == attribute && d.ConstructorArguments.Select(a => a.Value as string).SequenceEqual(args));
        var types = typeof(DatabaseFixtureTests).Assembly.GetTypes();
        var onServer = types.Where(t => Has(t, typeof(CollectionAttribute), DatabaseCollection.Name)).ToList();
        Assert.Contains(typeof(DatabaseFixtureTests), onServer);
        var missing = onServer.Where(t => !Has(t, typeof(TraitAttribute), TestFlavour.Trait, TestFlavour.Database)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0,
            $"add Trait(TestFlavour.Trait, TestFlavour.Database) beside Collection(DatabaseCollection.Name) on: {string.Join(", ", missing)}");
    }
}
