using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PerfAspire.Tests.Analysis;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class TriagePromptTests(DatabaseFixture db)
{
    [Fact]
    public async Task The_triage_prompt_is_listed_and_names_tools_that_exist()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var prompts = await env.Client.ListPromptsAsync();
        var triage = Assert.Single(prompts, p => p.Name == "triage_slow_period");
        Assert.Equal(["slow_start", "slow_end", "symptom"], triage.ProtocolPrompt.Arguments!.Select(a => a.Name));

        var result = await env.Client.GetPromptAsync("triage_slow_period", new Dictionary<string, object?>
        {
            ["slow_start"] = "2025-07-01T01:00:00Z",
            ["symptom"] = "DNS answers slow",
        });
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Messages).Content).Text;
        Assert.Contains("2025-07-01T01:00:00Z .. bundle_end", text);
        Assert.Contains("\"DNS answers slow\"", text);

        // Every analysis tool the prompt relies on is served by this server.
        var tools = (await env.Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        foreach (var name in new[] { "find_anomalies", "compare_windows", "top_n", "graph_latency_histogram", "correlate_metrics", "graph_compare", "graph_timeseries", "metrics_list", "metric_metadata", "system_health", "support_active_context", "support_list_bundles", "schema_list_metrics", "docs_search_metrics" })
        {
            Assert.Contains(name, tools);
            Assert.Contains(name, text);
        }
    }
}
