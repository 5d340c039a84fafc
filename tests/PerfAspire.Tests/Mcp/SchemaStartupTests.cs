using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SchemaStartupTests(DatabaseFixture db)
{
    [Fact]
    public async Task The_server_migrates_an_empty_database_at_start_up()
    {
        var cs = await db.CreateDatabaseAsync();
        await using var server = await McpTestServer.StartAsync(cs);
        var startup = server.Services.GetServices<IHostedService>().OfType<SchemaStartup>().Single();
        await startup.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(2));

        await using var client = await server.ConnectAsync();
        var health = await client.OkAsync("system_health");
        Assert.True(health.GetProperty("schema").GetProperty("version").GetInt32() >= 1);
        Assert.DoesNotContain("schema_missing", health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var tables = await client.OkAsync("schema_list_tables");
        Assert.False(tables.TryGetProperty("warnings", out var w) && w.ValueKind == System.Text.Json.JsonValueKind.Array && w.GetArrayLength() > 0);
        var none = await client.OkAsync("query_run", new { metric_name = "cpu_utilization" });
        Assert.Equal("no_active_bundle", none.GetProperty("warnings")[0].GetString());
    }
}
