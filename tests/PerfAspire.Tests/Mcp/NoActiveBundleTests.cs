using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class NoActiveBundleTests(DatabaseFixture db)
{
    [Fact]
    public async Task Without_an_active_bundle_queries_say_so_and_point_to_loading_one()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using var server = await McpTestServer.StartAsync(cs);
        await using var client = await server.ConnectAsync();

        foreach (var (tool, args) in new (string, object)[]
        {
            ("query_run", new { metric_name = "cpu_utilization" }),
            ("query_build_sql", new { metric_name = "cpu_utilization" }),
            ("schema_list_label_values", new { metric = "cpu_utilization", label = "cpu" }),
        })
        {
            var body = await client.OkAsync(tool, args);
            Assert.Equal(["no_active_bundle"], body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
            Assert.Contains("support_load_bundle", body.GetProperty("next").GetString());
            Assert.False(body.TryGetProperty("rows", out _));
        }

        // Discovery of the catalog does not need a bundle.
        var metrics = await client.OkAsync("schema_list_metrics", new { prefix = "cpu_" });
        Assert.True(metrics.GetProperty("count").GetInt32() > 3);
    }
}
