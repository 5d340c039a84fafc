using System.Text.Json;
using PerfAspire.Mcp.Responses;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>Every list tool pages the same way: cursor and limit in; count, truncated and next_cursor out.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ListPagingTests(DatabaseFixture db)
{
    static JsonElement Page(JsonElement answer) => answer.TryGetProperty("result", out var inner) ? inner : answer;

    [Fact]
    public async Task Every_list_tool_answers_count_truncated_and_next_cursor()
    {
        var env = await McpEnvironment.GetAsync(db);
        var calls = new (string Tool, object Args)[]
        {
            ("support_list_bundles", new { limit = 1 }),
            ("support_ingest_status", new { limit = 1 }),
            ("schema_list_metrics", new { limit = 1 }),
            ("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", limit = 1 }),
            ("docs_search", new { q = "disk busy", limit = 1 }),
            ("schema_list_tables", new { limit = 1 }),
            ("metrics_list", new { limit = 1 }),
            ("query_get_patterns", new { limit = 1 }),
            ("docs_list_concepts", new { limit = 1 }),
            ("label_values", new { label = "exec", metric = "top_cpu_percent", limit = 1 }),
            ("label_values", new { label = "exec", limit = 1 }),
        };
        foreach (var (tool, args) in calls)
        {
            var page = Page(await env.Client.OkAsync(tool, args));
            Assert.True(page.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number, $"{tool}: count");
            Assert.True(page.TryGetProperty("truncated", out var truncated), $"{tool}: truncated");
            // A null next_cursor (the last page) may be left out of the answer.
            var hasNext = page.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String;
            Assert.Equal(truncated.GetBoolean(), hasNext);
            Assert.False(page.TryGetProperty("next_offset", out _), $"{tool}: one paging shape, no next_offset");
        }
    }

    [Fact]
    public async Task Docs_search_pages_by_cursor_and_still_accepts_offset()
    {
        var env = await McpEnvironment.GetAsync(db);
        var first = Page(await env.Client.OkAsync("docs_search", new { q = "packets dropped", limit = 2 }));
        Assert.True(first.GetProperty("truncated").GetBoolean());
        var cursor = first.GetProperty("next_cursor").GetString();
        var second = Page(await env.Client.OkAsync("docs_search", new { q = "packets dropped", limit = 2, cursor }));
        var ids = (JsonElement p) => p.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Empty(ids(first).Intersect(ids(second)));
        var byOffset = Page(await env.Client.OkAsync("docs_search", new { q = "packets dropped", limit = 2, offset = 2 }));
        Assert.Equal(ids(second), ids(byOffset));
        await env.Client.ErrorAsync("docs_search", new { q = "packets dropped", cursor, offset = 4 }, "invalid_argument");
        // The cursor of one question is not a cursor of another.
        await env.Client.ErrorAsync("docs_search", new { q = "disk busy", cursor }, "invalid_argument");
    }

    /// <summary>A list tool, the arguments that pick one list, where its items are and what names one.</summary>
    public sealed record PagedList(string Tool, Dictionary<string, object?> Args, string Items, Func<JsonElement, string> Id, int Small, int Large);

    static string Str(JsonElement e) => e.GetString()!;

    public static readonly PagedList[] Lists =
    [
        new("schema_list_tables", [], "tables", e => Str(e.GetProperty("table_name")), 7, 200),
        new("schema_list_tables", new() { ["category"] = "fastpath" }, "tables", e => Str(e.GetProperty("table_name")), 2, 200),
        new("schema_list_metrics", [], "metrics", e => Str(e.GetProperty("metric_name")), 150, 200),
        new("schema_list_metrics", new() { ["prefix"] = "disk_" }, "metrics", e => Str(e.GetProperty("metric_name")), 4, 200),
        new("metrics_list", [], "metrics", Str, 150, 1000),
        new("metrics_list", new() { ["category"] = "disk" }, "metrics", Str, 5, 1000),
        new("query_get_patterns", [], "patterns", e => Str(e.GetProperty("pattern_name")), 3, 100),
        new("query_get_patterns", new() { ["metric_kind"] = "counter" }, "patterns", e => Str(e.GetProperty("pattern_name")), 1, 100),
        new("docs_list_concepts", [], "concepts", e => Str(e.GetProperty("id")), 4, 200),
        new("schema_list_label_values", new() { ["metric"] = "top_cpu_percent", ["label"] = "exec" }, "values", Str, 3, 1000),
        new("support_list_bundles", [], "bundles", e => Str(e.GetProperty("bundle_id")), 1, 100),
        new("label_values", new() { ["label"] = "exec", ["metric"] = "top_cpu_percent" }, "values", Str, 3, 1000),
        // Without a metric: the union over every table with the label (TOP's threads and SMAPS' processes).
        new("label_values", new() { ["label"] = "exec" }, "values", Str, 3, 1000),
    ];

    /// <summary>Every item of a list, page by page; the page size checked and every page's paging fields.</summary>
    static async Task<(List<string> Ids, int Total)> WalkAsync(ModelContextProtocol.Client.McpClient client, PagedList list, int limit)
    {
        var ids = new List<string>();
        string? cursor = null;
        int? total = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 1000, $"{list.Tool}: the walk does not end");
            var args = new Dictionary<string, object?>(list.Args) { ["limit"] = limit };
            if (cursor is not null) args["cursor"] = cursor;
            var page = Page(await client.OkAsync(list.Tool, args));
            var items = page.GetProperty(list.Items).EnumerateArray().Select(list.Id).ToList();
            Assert.True(items.Count <= limit, $"{list.Tool}: {items.Count} items on a page of {limit}");
            Assert.Equal(items.Count, page.GetProperty("count").GetInt32());
            if (page.TryGetProperty("total", out var t)) Assert.Equal(total ??= t.GetInt32(), t.GetInt32());
            ids.AddRange(items);
            cursor = page.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            Assert.Equal(cursor is not null, page.GetProperty("truncated").GetBoolean());
            if (cursor is null) return (ids, total ?? ids.Count);
            Assert.Equal(limit, items.Count);
        }
    }

    [Fact]
    public async Task Walking_every_list_page_by_page_gives_the_whole_list_exactly_once()
    {
        var env = await McpEnvironment.GetAsync(db);
        foreach (var list in Lists)
        {
            var what = $"{list.Tool} {JsonSerializer.Serialize(list.Args)}";
            var (small, total) = await WalkAsync(env.Client, list, list.Small);
            var (large, _) = await WalkAsync(env.Client, list, list.Large);
            Assert.True(small.Count > list.Small || list.Tool == "support_list_bundles", $"{what}: {small.Count} items fit on one page of {list.Small}; the walk proves nothing");
            Assert.Equal(small.Count, small.Distinct().Count());
            Assert.Equal(total, small.Count);
            Assert.Equal(large, small);
        }
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_of_this_list_is_an_invalid_argument()
    {
        var env = await McpEnvironment.GetAsync(db);
        var tables = Page(await env.Client.OkAsync("schema_list_tables", new { limit = 2 }));
        var cursor = tables.GetProperty("next_cursor").GetString()!;
        Assert.DoesNotMatch("^[0-9]+$", cursor);
        Assert.Equal(2, Page(await env.Client.OkAsync("schema_list_tables", new { limit = 2, cursor })).GetProperty("count").GetInt32());

        var forged = new (string Tool, object Args)[]
        {
            ("schema_list_tables", new { cursor = "2" }),                                   // a bare position
            ("schema_list_tables", new { cursor = "not-a-cursor!" }),                       // not base64url
            ("schema_list_tables", new { cursor = cursor + "x" }),                          // tampered
            ("schema_list_tables", new { category = "disk", cursor }),                      // other filters
            ("schema_list_metrics", new { cursor }),                                        // another tool
            ("metrics_list", new { cursor }),
            ("query_get_patterns", new { cursor }),
            ("docs_list_concepts", new { cursor }),
            ("support_list_bundles", new { cursor }),
            ("support_ingest_status", new { cursor }),
            ("schema_list_label_values", new { metric = "top_cpu_percent", label = "exec", cursor }),
            ("label_values", new { label = "exec", metric = "top_cpu_percent", cursor }),
            ("label_values", new { label = "exec", cursor }),
            ("schema_list_tables", new { cursor = ListPage.Cursor(ListPage.Scope("schema_list_tables"), "100000") }), // past the end
            ("schema_list_tables", new { cursor = ListPage.Cursor(ListPage.Scope("schema_list_tables"), "-1") }),
        };
        foreach (var (tool, args) in forged)
        {
            var error = await env.Client.ErrorAsync(tool, args, "invalid_argument");
            Assert.Contains("cursor", error.GetProperty("message").GetString());
        }
        await env.Client.ErrorAsync("query_get_patterns", new { limit = 0 }, "invalid_argument");
        await env.Client.ErrorAsync("metrics_list", new { limit = 100_000 }, "invalid_argument");
    }
}
