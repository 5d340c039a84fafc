using System.Text.Json;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ToolListTests(DatabaseFixture db)
{
    static readonly string[] Issue6Tools =
    [
        "support_load_bundle", "support_unload_bundle", "support_list_bundles", "support_active_context", "support_switch_active", "support_ingest_status",
        "schema_list_tables", "schema_list_metrics", "schema_list_label_values", "schema_describe_metric",
        "query_get_patterns", "query_build_sql", "query_run", "system_health",
        "docs_search", "docs_get", "docs_search_metrics", "docs_list_concepts", "docs_resolve_alias",
    ];

    [Fact]
    public async Task Every_tool_is_described_with_parameters_and_annotations()
    {
        var env = await McpEnvironment.GetAsync(db);
        var tools = await env.Client.ListToolsAsync();
        var byName = tools.ToDictionary(t => t.Name);
        foreach (var name in Issue6Tools)
        {
            Assert.True(byName.TryGetValue(name, out var tool), $"tool {name} is missing");
            Assert.Matches("^[a-z_]+$", tool!.Name);
            Assert.True(tool.Description.Length > 80, $"{name}: the description should say when to use it and what to call next");
            var annotations = tool.ProtocolTool.Annotations;
            Assert.NotNull(annotations);
            Assert.NotNull(annotations!.ReadOnlyHint);
            if (annotations.ReadOnlyHint == false) Assert.NotNull(annotations.DestructiveHint);
            var schema = tool.JsonSchema;
            if (schema.TryGetProperty("properties", out var props))
            {
                foreach (var p in props.EnumerateObject())
                {
                    Assert.True(p.Value.TryGetProperty("description", out var d) && d.GetString()!.Length > 5, $"{name}.{p.Name} has no description");
                }
            }
        }
        Assert.True(byName["support_unload_bundle"].ProtocolTool.Annotations!.DestructiveHint);
        Assert.False(byName["support_load_bundle"].ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(byName["query_run"].ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.DoesNotContain(tools, t => t.Name.Contains('.'));
    }
}
