using System.Text.Json;
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
        Assert.Equal("2", first.GetProperty("next_cursor").GetString());
        var second = Page(await env.Client.OkAsync("docs_search", new { q = "packets dropped", limit = 2, cursor = "2" }));
        var ids = (JsonElement p) => p.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Empty(ids(first).Intersect(ids(second)));
        var byOffset = Page(await env.Client.OkAsync("docs_search", new { q = "packets dropped", limit = 2, offset = 2 }));
        Assert.Equal(ids(second), ids(byOffset));
        await env.Client.ErrorAsync("docs_search", new { q = "packets dropped", cursor = "2", offset = 4 }, "invalid_argument");
    }
}
