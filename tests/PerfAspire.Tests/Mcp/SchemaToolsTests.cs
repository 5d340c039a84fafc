using System.Text.Json;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SchemaToolsTests(DatabaseFixture db)
{
    [Fact]
    public async Task List_tables_returns_every_record_group_and_filters_by_category()
    {
        var env = await McpEnvironment.GetAsync(db);
        var all = await env.Client.OkAsync("schema_list_tables");
        var names = all.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("table_name").GetString()).ToList();
        Assert.Equal(SchemaSpec.Default.Groups.Select(g => g.Table).Append(CommonColumns.TextRecordsTable).Order(), names.Order());
        var dbwr = all.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table_name").GetString() == "ptops_dbwr");
        Assert.True(dbwr.GetProperty("is_histogram").GetBoolean());
        Assert.Equal(["bucket"], dbwr.GetProperty("local_labels").EnumerateArray().Select(x => x.GetString()));

        var disk = await env.Client.OkAsync("schema_list_tables", new { category = "disk" });
        Assert.All(disk.GetProperty("tables").EnumerateArray(), t => Assert.Equal("disk", t.GetProperty("metric_category").GetString()));
        Assert.Contains(disk.GetProperty("tables").EnumerateArray(), t => t.GetProperty("table_name").GetString() == "ptops_disk");

        var error = await env.Client.ErrorAsync("schema_list_tables", new { category = "dsik" }, "category_not_found");
        Assert.Contains("disk", error.GetProperty("closest").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task List_metrics_filters_and_pages_with_a_cursor_until_every_metric_is_seen()
    {
        var env = await McpEnvironment.GetAsync(db);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await env.Client.OkAsync("schema_list_metrics", new { category = "FASTPATH", limit = 25, cursor });
            seen.AddRange(page.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("metric_name").GetString()!));
            cursor = page.GetProperty("truncated").GetBoolean() ? page.GetProperty("next_cursor").GetString() : null;
            if (cursor is not null) Assert.Contains(cursor, page.GetProperty("hint").GetString());
            pages++;
        } while (cursor is not null && pages < 100);

        var expected = SchemaSpec.Default.Metrics.Where(x => x.Group.Filter == "FASTPATH").Select(x => x.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, seen);
        Assert.True(pages > 1);

        var prefix = await env.Client.OkAsync("schema_list_metrics", new { prefix = "disk_" });
        Assert.All(prefix.GetProperty("metrics").EnumerateArray(), m => Assert.StartsWith("disk_", m.GetProperty("metric_name").GetString()));
        Assert.False(prefix.GetProperty("truncated").GetBoolean());

        var counters = await env.Client.OkAsync("schema_list_metrics", new { category = "cpu", kind = "counter" });
        Assert.Equal(0, counters.GetProperty("count").GetInt32());
        Assert.Contains("Nothing matched", counters.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task List_label_values_pages_within_the_active_bundle_and_explains_empty_answers()
    {
        var env = await McpEnvironment.GetAsync(db);
        var cpus = await env.Client.OkAsync("schema_list_label_values", new { metric = "cpu_utilization", label = "cpu" });
        Assert.Equal(TestBundleData.Cpus.Order(StringComparer.Ordinal), cpus.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(TestBundleData.ActiveBundle, cpus.GetProperty("bundle_id").GetString());
        Assert.False(cpus.GetProperty("truncated").GetBoolean());

        var first = await env.Client.OkAsync("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", limit = 4 });
        Assert.True(first.GetProperty("truncated").GetBoolean());
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = await env.Client.OkAsync("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", limit = 4, cursor });
        Assert.False(second.GetProperty("truncated").GetBoolean());
        Assert.False(second.TryGetProperty("next_cursor", out var last) && last.ValueKind == JsonValueKind.String);
        // The offset argument of earlier versions still pages the same way.
        var byOffset = await env.Client.OkAsync("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", limit = 4, offset = 4 });
        Assert.Equal(second.GetProperty("values").GetRawText(), byOffset.GetProperty("values").GetRawText());
        await env.Client.ErrorAsync("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", cursor = "x" }, "invalid_argument");
        var all = first.GetProperty("values").EnumerateArray().Concat(second.GetProperty("values").EnumerateArray()).Select(v => v.GetString()).ToList();
        Assert.Equal(TestBundleData.Threads.Select(t => t.Exec).Order(StringComparer.Ordinal), all);

        var other = await env.Client.OkAsync("schema_list_label_values", new { metric = "fpports_rx_packets_total", label = "port", bundle_id = TestBundleData.OtherBundle });
        Assert.Equal(0, other.GetProperty("count").GetInt32());
        Assert.Equal("no_data_for_metric", other.GetProperty("empty_reason").GetString());

        await env.Client.ErrorAsync("schema_list_label_values", new { metric = "cpu_utilization", label = "device" }, "label_not_found");
        await env.Client.ErrorAsync("schema_list_label_values", new { metric = "cpu_utilisation", label = "cpu" }, "metric_not_found");
        await env.Client.ErrorAsync("schema_list_label_values", new { metric = "cpu_utilization", label = "cpu", bundle_id = "nope" }, "bundle_not_found");
    }

    [Fact]
    public async Task Describe_metric_resolves_aliases_links_the_doc_and_lists_closest_names_for_unknown_ones()
    {
        var env = await McpEnvironment.GetAsync(db);
        var d = await env.Client.OkAsync("schema_describe_metric", new { metric_name = "cpu_utilization_percent" });
        Assert.Equal("cpu_utilization", d.GetProperty("metric_name").GetString());
        Assert.Equal("cpu_utilization_percent", d.GetProperty("resolved_from_alias").GetString());
        Assert.Equal("ptops_cpu", d.GetProperty("base_table").GetString());
        Assert.Equal(["cpu"], d.GetProperty("local_labels").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("field:CPU:cpu_utilization", d.GetProperty("doc").GetProperty("id").GetString());
        Assert.Equal("gauge", d.GetProperty("metric_kind").GetString());
        Assert.True(d.GetProperty("metric_columns").TryGetProperty("utilization", out _));
        Assert.Equal("timeseries_avg", d.GetProperty("default_pattern").GetString());

        var err = await env.Client.ErrorAsync("schema_describe_metric", new { metric_name = "disk_busy_percnt" }, "metric_not_found");
        Assert.Equal("disk_busy_percent", err.GetProperty("closest")[0].GetString());
        Assert.Contains("docs_search_metrics", err.GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("cpu_user_percent'; DROP TABLE perf.ptops_cpu;--")]
    [InlineData("cpu_user_percent /* comment */")]
    [InlineData("\"cpu_user_percent\"")]
    [InlineData("cpu_usér_percent")]
    [InlineData("ptops_cpu")]
    [InlineData("perf.cpu_user_percent")]
    public async Task Hostile_metric_names_are_refused_with_a_clear_error(string name)
    {
        var env = await McpEnvironment.GetAsync(db);
        var err = await env.Client.ErrorAsync("schema_describe_metric", new { metric_name = name }, "metric_not_found");
        Assert.NotEmpty(err.GetProperty("closest").EnumerateArray());
        var still = await env.Client.OkAsync("query_run", new { pattern_name = "latest_value", metric_name = "cpu_user_percent" });
        Assert.Equal(TestBundleData.Cpus.Length, still.GetProperty("row_count").GetInt32());
    }

    [Fact]
    public async Task A_very_long_metric_name_is_refused_quickly_with_a_short_message()
    {
        var env = await McpEnvironment.GetAsync(db);
        var err = await env.Client.ErrorAsync("schema_describe_metric", new { metric_name = new string('x', 200_000) }, "metric_not_found");
        Assert.True(err.GetProperty("message").GetString()!.Length < 1000);
    }
}
