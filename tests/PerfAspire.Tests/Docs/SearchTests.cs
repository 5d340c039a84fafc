using PerfAspire.Docs.Search;

namespace PerfAspire.Tests.Docs;

/// <summary>Hybrid search over the real corpus and model: boosts, filters, paging, decisions and errors.</summary>
public sealed class SearchTests
{
    [Theory]
    [InlineData("disk_busy_percent", "disk_busy_percent", "exact_name")]
    [InlineData("DISK_BUSY_PERCENT", "disk_busy_percent", "exact_name")]
    [InlineData("cpu_utilization_percent", "cpu_utilization", "alias")]
    [InlineData("what does fpports_rx_nombuf_drops_total mean?", "fpports_rx_nombuf_drops_total", "exact_name")]
    public async Task An_exact_name_or_alias_is_auto_with_score_1(string query, string metric, string match)
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchMetricsAsync(query, 5, default);
        Assert.Equal(("auto", "exact", metric), (r.Decision, r.Reason, r.Metric));
        Assert.Equal(metric, r.Candidates[0].Metric);
        Assert.Equal(1.0, r.Candidates[0].Score);
        Assert.Equal(match, r.Candidates[0].Match);
        Assert.Equal(0.90, r.Thresholds.AutoMinScore);
        Assert.Equal(0.15, r.Thresholds.AutoMinGap);
    }

    [Fact]
    public async Task The_name_words_written_with_spaces_match_the_metric()
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchMetricsAsync("disk busy percent", 5, default);
        Assert.Equal("disk_busy_percent", r.Candidates[0].Metric);
        Assert.Equal("name_words", r.Candidates[0].Match);
        Assert.Equal("auto", r.Decision);
    }

    [Fact]
    public async Task Two_metric_names_in_one_query_are_ambiguous_and_both_listed()
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchMetricsAsync("compare disk_busy_percent with cpu_iowait_percent", 1, default);
        Assert.Equal(("ambiguous", "several_exact"), (r.Decision, r.Reason));
        Assert.Null(r.Metric);
        Assert.Contains(r.Candidates, c => c.Metric == "disk_busy_percent");
        Assert.Contains(r.Candidates, c => c.Metric == "cpu_iowait_percent");
    }

    [Fact]
    public async Task Candidates_are_ranked_with_scores_and_carry_their_doc()
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchMetricsAsync("DNS proxy timing out", 5, default);
        Assert.Equal("fpprxy_query_timeouts_total", r.Candidates[0].Metric);
        Assert.Equal("field:FPPRXY:fpprxy_query_timeouts_total", r.Candidates[0].DocId);
        Assert.Equal("counter", r.Candidates[0].Kind);
        Assert.Equal(5, r.Candidates.Count);
        Assert.True(r.Candidates.Zip(r.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(r.Candidates, c => Assert.InRange(c.Score, 0, 1));
    }

    [Fact]
    public async Task An_off_topic_question_is_no_match()
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchMetricsAsync("banana bread recipe", 5, default);
        Assert.Equal(("no_match", "below_floor"), (r.Decision, r.Reason));
        Assert.Null(r.Metric);
        Assert.True(r.Candidates[0].Score < 0.40);
    }

    [Fact]
    public async Task Doc_search_finds_concepts_and_filters_by_level_group_category_and_kind()
    {
        var docs = await SharedDocsIndex.QueriesAsync();
        var all = await docs.SearchAsync("how do I estimate percentiles from latency histograms", null, null, null, null, 5, 0, default);
        Assert.Equal("concept:histograms-and-percentiles", all.Results[0].Id);

        var concepts = await docs.SearchAsync("mbuf", "L4", null, null, null, 10, 0, default);
        Assert.NotEmpty(concepts.Results);
        Assert.All(concepts.Results, h => Assert.Equal("L4", h.Level));

        var disk = await docs.SearchAsync("latency", "field", "DISK", null, null, 50, 0, default);
        Assert.NotEmpty(disk.Results);
        Assert.All(disk.Results, h => Assert.Equal(("L1", "DISK"), (h.Level, h.Group)));

        var counters = await docs.SearchAsync("drops", null, null, "fastpath", "counter", 50, 0, default);
        Assert.NotEmpty(counters.Results);
        Assert.All(counters.Results, h => Assert.Equal(("fastpath", "counter"), (h.Category, h.Kind)));

        var byFilter = await docs.SearchAsync("drops", null, null, "NET", null, 50, 0, default);
        Assert.All(byFilter.Results, h => Assert.Equal("network", h.Category));
    }

    [Fact]
    public async Task A_group_name_boosts_its_plugin_doc()
    {
        var r = await (await SharedDocsIndex.QueriesAsync()).SearchAsync("FPPRXY", null, null, null, null, 3, 0, default);
        Assert.Equal(("plugin:FPPRXY", "group"), (r.Results[0].Id, r.Results[0].Match));
    }

    [Fact]
    public async Task Paging_walks_the_same_ranking_without_overlap()
    {
        var docs = await SharedDocsIndex.QueriesAsync();
        var first = await docs.SearchAsync("packets dropped", null, null, null, null, 5, 0, default);
        var second = await docs.SearchAsync("packets dropped", null, null, null, null, 5, 5, default);
        var both = await docs.SearchAsync("packets dropped", null, null, null, null, 10, 0, default);
        Assert.True(first.Truncated);
        Assert.Equal(5, first.NextOffset);
        Assert.Equal(both.Results.Select(h => h.Id), first.Results.Concat(second.Results).Select(h => h.Id));
        Assert.Equal(first.Total, second.Total);
        var last = await docs.SearchAsync("packets dropped", null, null, null, null, 5, first.Total - 2, default);
        Assert.Equal(2, last.Results.Count);
        Assert.False(last.Truncated);
        Assert.Null(last.NextOffset);
    }

    [Theory]
    [InlineData(null, null, null, null, null, "'q' is required")]
    [InlineData("disk", "L3", null, null, null, "Unknown level 'L3'")]
    [InlineData("disk", null, "DISKS", null, null, "Unknown group 'DISKS'")]
    [InlineData("disk", null, null, "storage", null, "Unknown category 'storage'")]
    [InlineData("disk", null, null, null, "summary", "Unknown kind 'summary'")]
    public async Task Bad_arguments_get_a_specific_error(string? q, string? level, string? group, string? category, string? kind, string message)
    {
        var docs = await SharedDocsIndex.QueriesAsync();
        var e = await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchAsync(q, level, group, category, kind, null, null, default));
        Assert.Equal((400, "invalid_argument"), (e.Status, e.Error));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Limits_offsets_and_query_length_are_checked()
    {
        var docs = await SharedDocsIndex.QueriesAsync();
        await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchAsync("disk", null, null, null, null, 0, 0, default));
        await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchAsync("disk", null, null, null, null, 101, 0, default));
        await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchAsync("disk", null, null, null, null, 10, -1, default));
        await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchMetricsAsync("disk", 51, default));
        var e = await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchMetricsAsync(new string('x', 1001), 5, default));
        Assert.Contains("at most 1000", e.Message);
        var group = await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchAsync("disk", null, "DISC", null, null, null, null, default));
        Assert.Contains("DISK", group.Suggestions);
    }

    [Fact]
    public async Task Get_doc_and_alias_resolution_answer_or_say_what_exists()
    {
        var docs = await SharedDocsIndex.QueriesAsync();
        var doc = docs.GetDoc("field:FPMBUF:fpm_mbufs_in_use");
        Assert.Equal(("fpm_mbufs_in_use", "gauge", "mbufs"), (doc.Metric, doc.Kind, doc.Unit));
        Assert.Contains("fpm_muc", doc.Aliases);
        Assert.StartsWith("# fpm_mbufs_in_use", doc.Body);

        var missing = Assert.Throws<DocsRequestException>(() => docs.GetDoc("disk_busy_percent"));
        Assert.Equal((404, "doc_not_found"), (missing.Status, missing.Error));
        Assert.Equal(["field:DISK:disk_busy_percent"], missing.Suggestions);

        var alias = docs.ResolveAlias("fpm_muc");
        Assert.Equal(("fpm_mbufs_in_use", true, "field:FPMBUF:fpm_mbufs_in_use"), (alias.Canonical, alias.IsAlias, alias.DocId));
        var canonical = docs.ResolveAlias("cpu_utilization");
        Assert.Equal(("cpu_utilization", false), (canonical.Canonical, canonical.IsAlias));
        Assert.Contains("cpu_utilization_percent", canonical.Aliases);

        var unknown = Assert.Throws<DocsRequestException>(() => docs.ResolveAlias("cpu_utilisation_pct"));
        Assert.Equal((404, "alias_not_found"), (unknown.Status, unknown.Error));
        Assert.Contains(unknown.Suggestions, s => s.StartsWith("cpu_utilization", StringComparison.Ordinal));

        var concepts = docs.ListConcepts();
        Assert.Contains(concepts.Concepts, c => c.Id == "concept:bundle-lifecycle" && c.Slug == "bundle-lifecycle");
        Assert.All(concepts.Concepts, c => Assert.False(string.IsNullOrWhiteSpace(c.Summary)));
    }
}
