using System.Text.Json;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Mcp.TestBundleData;

namespace PerfAspire.Tests.Legacy;

/// <summary>The legacy adapters against the known data of <see cref="TestBundleData"/>.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class LegacyToolsTests(DatabaseFixture db)
{
    static long Ms(int epoch) => Ts(epoch).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Metrics_list_has_the_catalog_names_and_an_empty_warnings_array()
    {
        var env = await McpEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "metrics_list");
        var names = reply.Body.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(SchemaSpec.Default.Metrics.Select(m => m.Name).Order(StringComparer.Ordinal), names);
        Assert.Empty(reply.Warnings);
        Assert.True(reply.TextChars < 30_000, $"metrics_list is {reply.TextChars} characters");

        var disk = await ToolReply.OkAsync(env.Client, "metrics_list", new { category = "disk" });
        Assert.All(disk.Body.GetProperty("metrics").EnumerateArray(), m => Assert.StartsWith("disk_", m.GetString()));
        Assert.Equal(SchemaSpec.Default.Metrics.Count(m => m.Group.Category == "disk"), disk.Body.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Query_range_returns_the_legacy_matrix_with_epoch_ms_samples()
    {
        var env = await McpEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "query_range", new { metric = "cpu_utilization" });
        var body = reply.Body;

        Assert.Equal("cpu_utilization", body.GetProperty("expression").GetString());
        Assert.Empty(reply.Warnings);
        Assert.Equal(60, body.GetProperty("step_seconds").GetInt32());
        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(3, series.Count);
        for (var c = 0; c < Cpus.Length; c++)
        {
            var metric = series[c].GetProperty("metric");
            Assert.Equal(
                new Dictionary<string, string> { ["__name__"] = "cpu_utilization", ["bundle_id"] = ActiveBundle, ["host"] = Host, ["sptid"] = "NIOSSPT-12345", ["cpu"] = Cpus[c] },
                metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
            var samples = series[c].GetProperty("samples").EnumerateArray().ToList();
            Assert.Equal(Epochs, samples.Count);
            for (var i = 0; i < Epochs; i++)
            {
                Assert.Equal(["ts", "value"], samples[i].EnumerateObject().Select(p => p.Name));
                Assert.Equal(Ms(i), samples[i].GetProperty("ts").GetInt64());
                Assert.Equal(CpuUtilization(ActiveBundle, i, c), samples[i].GetProperty("value").GetDouble(), 9);
            }
        }
    }

    [Fact]
    public async Task Query_range_reads_epoch_ms_and_iso_times_selectors_aliases_and_steps()
    {
        var env = await McpEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "query_range", new
        {
            metric = "cpu_utilization_percent{cpu=\"cpu1\"}",
            start = Ms(5),
            end = Ts(9).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        var body = reply.Body;
        Assert.Equal("cpu_utilization", body.GetProperty("expression").GetString());
        Assert.Equal("cpu_utilization_percent", body.GetProperty("resolved_from_alias").GetString());
        var series = Assert.Single(body.GetProperty("series").EnumerateArray().ToList());
        Assert.Equal("cpu1", series.GetProperty("metric").GetProperty("cpu").GetString());
        Assert.Equal([Ms(5), Ms(6), Ms(7), Ms(8), Ms(9)], series.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("ts").GetInt64()));

        // step "5m": buckets of 5 epochs, averaged (ptop's gauges average).
        var coarse = await ToolReply.OkAsync(env.Client, "query_range", new { metric = "cpu_utilization", filters = new { cpu = "cpu0" }, step = "5m" });
        var samples = Assert.Single(coarse.Body.GetProperty("series").EnumerateArray().ToList()).GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(300, coarse.Body.GetProperty("step_seconds").GetInt32());
        Assert.Equal(6, samples.Count);
        Assert.Equal(Enumerable.Range(0, 5).Average(i => CpuUtilization(ActiveBundle, i, 1)), samples[0].GetProperty("value").GetDouble(), 6);

        // step_ms for legacy clients.
        var legacyStep = await ToolReply.OkAsync(env.Client, "query_range", new { metric = "cpu_utilization{cpu=\"cpu\"}", step_ms = 600_000 });
        Assert.Equal(600, legacyStep.Body.GetProperty("step_seconds").GetInt32());
        Assert.Equal(3, legacyStep.Body.GetProperty("series")[0].GetProperty("samples").GetArrayLength());
    }

    [Fact]
    public async Task Query_range_on_an_unknown_metric_keeps_the_shape_and_warns()
    {
        var env = await McpEnvironment.GetAsync(db);
        var reply = await ToolReply.CallAsync(env.Client, "query_range", new { metric = "cpu_utilisation" });
        Assert.False(reply.IsError);
        Assert.Equal(["metric_not_found"], reply.Warnings);
        Assert.Equal(0, reply.Body.GetProperty("series").GetArrayLength());
        Assert.Equal("cpu_utilisation", reply.Body.GetProperty("expression").GetString());
        Assert.Contains("cpu_utilization", reply.Body.GetProperty("closest").EnumerateArray().Select(c => c.GetString()));

        var bad = await ToolReply.CallAsync(env.Client, "query_range", new { metric = "cpu_utilization{cpu=~\"cpu.*\"}" });
        Assert.True(bad.IsError);
        Assert.Equal("invalid_selector", bad.Body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Label_values_answers_label_and_values_with_or_without_a_metric()
    {
        var env = await McpEnvironment.GetAsync(db);
        var withMetric = await ToolReply.OkAsync(env.Client, "label_values", new { label = "cpu", metric = "cpu_user_percent" });
        Assert.Equal("cpu", withMetric.Body.GetProperty("label").GetString());
        Assert.Equal(Cpus.Order(StringComparer.Ordinal), withMetric.Body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var anyMetric = await ToolReply.OkAsync(env.Client, "label_values", new { label = "exec" });
        Assert.Equal(Threads.Select(t => t.Exec).Order(StringComparer.Ordinal), anyMetric.Body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.False(anyMetric.Body.GetProperty("truncated").GetBoolean());

        var limited = await ToolReply.OkAsync(env.Client, "label_values", new { label = "pid", metric = "top_cpu_percent", limit = 2 });
        Assert.Equal(["101", "102"], limited.Body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.True(limited.Body.GetProperty("truncated").GetBoolean());

        var host = await ToolReply.OkAsync(env.Client, "label_values", new { label = "host", metric = "cpu_utilization" });
        Assert.Equal([Host], host.Body.GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var unknown = await ToolReply.CallAsync(env.Client, "label_values", new { label = "devise" });
        Assert.True(unknown.IsError);
        Assert.Contains("device", unknown.Body.GetProperty("error").GetProperty("closest").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Metric_metadata_merges_catalog_and_presence_and_says_when_docs_are_missing()
    {
        var env = await McpEnvironment.GetAsync(db);
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
        await using var client = await server.ConnectAsync();
        var present = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "cpu_utilization_percent" });
        Assert.Equal("cpu_utilization", present.Body.GetProperty("metric").GetString());
        Assert.Equal("gauge", present.Body.GetProperty("metric_kind").GetString());
        Assert.Equal("percent", present.Body.GetProperty("unit").GetString());
        Assert.Equal(["cpu"], present.Body.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.True(present.Body.GetProperty("present").GetBoolean());
        Assert.Equal("field:CPU:cpu_utilization", present.Body.GetProperty("doc_id").GetString());
        // The docs service configured for this host is down: the metadata still comes back, with the reason the doc is missing.
        Assert.Contains("docs_unavailable", present.Warnings);

        var absent = await ToolReply.OkAsync(client, "metric_metadata", new { metric = "disk_busy_percent" });
        Assert.False(absent.Body.GetProperty("present").GetBoolean());
    }
}
