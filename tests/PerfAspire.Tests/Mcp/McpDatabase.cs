using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>A fresh database migrated by the real schema migrator (tables, views, catalogs, roles).</summary>
public static class McpDatabase
{
    public static async Task<string> CreateMigratedAsync(DatabaseFixture db)
    {
        var cs = await db.CreateDatabaseAsync();
        await SchemaMigrator.MigrateAsync(cs, new DatabaseSettings());
        return cs;
    }
}
