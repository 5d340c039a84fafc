using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Docs;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Legacy;

/// <summary>The legacy warning semantics: the old shapes, empty, with a token saying why.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class LegacyWarningsTests(DatabaseFixture db, DocsServiceFixture docs) : IClassFixture<DocsServiceFixture>
{
    [Fact]
    public async Task An_unreachable_database_gives_timescale_unavailable_in_the_legacy_shapes()
    {
        // Nothing listens on port 9: every connection is refused at once.
        await using var server = await McpTestServer.StartAsync("Host=127.0.0.1;Port=9;Username=nobody;Database=none;Timeout=2",
            new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
        await using var client = await server.ConnectAsync();

        var list = await ToolReply.OkAsync(client, "metrics_list");
        Assert.Equal(["timescale_unavailable"], list.Warnings);
        // The names still come from the compiled spec.
        Assert.Equal(SchemaSpec.Default.Metrics.Select(m => m.Name).Order(StringComparer.Ordinal),
            list.Body.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));

        var range = await ToolReply.OkAsync(client, "query_range", new { metric = "cpu_utilization" });
        Assert.Equal(["timescale_unavailable"], range.Warnings);
        Assert.Equal(0, range.Body.GetProperty("series").GetArrayLength());
        Assert.Equal("cpu_utilization", range.Body.GetProperty("expression").GetString());

        var graph = await ToolReply.OkAsync(client, "graph_timeseries", new { metrics = new[] { "cpu_utilization" } });
        Assert.Equal(["timescale_unavailable"], graph.Warnings);
        Assert.Null(graph.Png);

        var meta = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "disk_busy_percent" });
        Assert.Contains("timescale_unavailable", meta.Warnings);
        Assert.Equal("percent", meta.Body.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Without_an_active_bundle_the_legacy_tools_say_no_active_bundle()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
        await using var client = await server.ConnectAsync();

        foreach (var (tool, args, key) in new (string, object, string)[]
        {
            ("query_range", new { metric = "cpu_utilization" }, "series"),
            ("label_values", new { label = "cpu" }, "values"),
            ("graph_timeseries", new { metrics = new[] { "cpu_utilization" } }, "series"),
            ("graph_compare", new { primary = "cpu_utilization", comparators = new[] { "mem_available_percent" } }, "series"),
            ("graph_topk", new { metric = "top_cpu_percent" }, "ranking"),
            ("graph_latency_histogram", new { histogram = "dbwr" }, "percentiles"),
            ("top_n", new { metric = "top_cpu_percent" }, "ranking"),
            ("compare_windows", new { window_a = new[] { "bundle_start", "bundle_end" }, window_b = new[] { "bundle_start", "bundle_end" } }, "changes"),
            ("correlate_metrics", new { metrics = new[] { "cpu_utilization", "mem_available_percent" } }, "pairs"),
            ("find_anomalies", new { metric = "cpu_utilization" }, "series"),
        })
        {
            var reply = await ToolReply.OkAsync(client, tool, args);
            Assert.Equal(["no_active_bundle"], reply.Warnings);
            Assert.Equal(0, reply.Body.GetProperty(key).GetArrayLength());
            Assert.Contains("support_load_bundle", reply.Body.GetProperty("next").GetString());
        }

        var meta = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "cpu_utilization" });
        Assert.Contains("no_active_bundle", meta.Warnings);
        Assert.False(meta.Body.TryGetProperty("present", out _));
    }

    [Fact]
    public async Task Metric_metadata_merges_the_doc_from_the_docs_service()
    {
        var env = await McpEnvironment.GetAsync(db);
        var address = docs.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = address });
        await using var client = await server.ConnectAsync();

        var meta = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "cpu_utilization_percent" });
        Assert.Empty(meta.Warnings);
        Assert.True(meta.Body.GetProperty("present").GetBoolean());
        var doc = meta.Body.GetProperty("doc");
        Assert.Equal("field:CPU:cpu_utilization", doc.GetProperty("id").GetString());
        Assert.Contains("cpu_utilization", doc.GetProperty("title").GetString());
        Assert.False(string.IsNullOrWhiteSpace(doc.GetProperty("body").GetString()));

        var unknownDoc = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "disk_busy_percent" });
        Assert.False(unknownDoc.Body.GetProperty("present").GetBoolean());
        Assert.Equal("field:DISK:disk_busy_percent", unknownDoc.Body.GetProperty("doc").GetProperty("id").GetString());
    }
}
