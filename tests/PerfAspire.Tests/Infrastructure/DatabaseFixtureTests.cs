using Npgsql;

namespace PerfAspire.Tests.Infrastructure;

[Collection(DatabaseCollection.Name)]
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
}
