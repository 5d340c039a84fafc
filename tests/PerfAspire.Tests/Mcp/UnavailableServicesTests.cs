using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>With the docs and ingest services down, their tools say so and the rest keeps working.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class UnavailableServicesTests(DatabaseFixture db)
{
    [Fact]
    public async Task Docs_tools_warn_docs_unavailable_and_query_tools_keep_working()
    {
        var env = await McpEnvironment.GetAsync(db);
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, new Dictionary<string, string?>
        {
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            ["Mcp:IngestUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();

        foreach (var (tool, args) in new (string, object?)[]
        {
            ("docs_search", new { q = "disk saturation" }),
            ("docs_get", new { id = "field:CPU:cpu_utilization" }),
            ("docs_search_metrics", new { q = "which thread eats the CPU" }),
            ("docs_list_concepts", null),
        })
        {
            var body = await client.OkAsync(tool, args);
            Assert.Equal(["docs_unavailable"], body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
            Assert.Contains("schema_describe_metric", body.GetProperty("next").GetString());
        }

        var alias = await client.OkAsync("docs_resolve_alias", new { name = "cpu_utilization_percent" });
        Assert.Equal("docs_unavailable", alias.GetProperty("warnings")[0].GetString());
        Assert.Equal("cpu_utilization", alias.GetProperty("result").GetProperty("canonical").GetString());
        Assert.Equal("field:CPU:cpu_utilization", alias.GetProperty("result").GetProperty("doc_id").GetString());

        var err = await client.ErrorAsync("support_list_bundles", null, "ingest_unavailable");
        Assert.Contains("system_health", err.GetProperty("next").GetString());

        var query = await client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
        Assert.Equal(TestBundleData.Epochs, query.GetProperty("row_count").GetInt32());
    }
}
