using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using PerfAspire.Docs;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.Hosting;
using PerfAspire.Docs.Search;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Docs;

/// <summary>The docs service as it runs: real host, real Kestrel on a loopback port, the typed client.</summary>
public sealed class DocsServiceFixture : IAsyncLifetime
{
    LoopbackApp _docs = null!;

    public WebApplication App => _docs.App;
    public HttpClient Http => _docs.Http;
    public DocsClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _docs = await LoopbackApp.StartDocsServiceAsync();
        Client = new DocsClient(Http);
    }

    public async Task DisposeAsync() => await _docs.DisposeAsync();
}

public sealed class DocsApiTests(DocsServiceFixture service) : IClassFixture<DocsServiceFixture>
{
    [Fact]
    public async Task Metric_search_answers_with_candidates_and_a_decision()
    {
        var r = await service.Client.SearchMetricsAsync("are we dropping packets for lack of buffers", 5);
        Assert.Contains(r.Candidates, c => c.Metric == "fpports_rx_nombuf_drops_total");
        Assert.Contains(r.Decision, new[] { "auto", "ambiguous", "no_match" });
        Assert.Equal(0.9, r.Thresholds.AutoMinScore);

        var exact = await service.Client.SearchMetricsAsync("cpu_utilization_percent");
        Assert.Equal(("auto", "cpu_utilization"), (exact.Decision, exact.Metric));
    }

    [Fact]
    public async Task Json_field_names_are_the_documented_snake_case_ones()
    {
        using var search = JsonDocument.Parse(await service.Http.GetStringAsync("api/metrics/search?q=disk%20busy&limit=2"));
        var root = search.RootElement;
        foreach (var p in new[] { "query", "decision", "metric", "reason", "candidates", "thresholds", "warnings" }) Assert.True(root.TryGetProperty(p, out _), p);
        var candidate = root.GetProperty("candidates")[0];
        foreach (var p in new[] { "metric", "score", "match", "doc_id", "group", "table", "kind", "unit", "description" }) Assert.True(candidate.TryGetProperty(p, out _), p);
        foreach (var p in new[] { "auto_min_score", "auto_min_gap", "no_match_below" }) Assert.True(root.GetProperty("thresholds").TryGetProperty(p, out _), p);

        using var docs = JsonDocument.Parse(await service.Http.GetStringAsync("api/search?q=mbuf&limit=2"));
        foreach (var p in new[] { "query", "results", "total", "offset", "limit", "truncated", "next_offset", "warnings" }) Assert.True(docs.RootElement.TryGetProperty(p, out _), p);
    }

    [Fact]
    public async Task Doc_search_filters_and_pages_over_http()
    {
        var page = await service.Client.SearchAsync("packets dropped", level: "L1", category: "fastpath", limit: 3, offset: 1);
        Assert.Equal(3, page.Results.Count);
        Assert.Equal((1, 3), (page.Offset, page.Limit));
        Assert.All(page.Results, h => Assert.Equal(("L1", "fastpath"), (h.Level, h.Category)));
    }

    [Fact]
    public async Task Docs_concepts_and_aliases_round_trip_through_the_client()
    {
        var doc = await service.Client.GetDocAsync("field:NET ifstat:net_rx_packets_total");
        Assert.NotNull(doc);
        Assert.Equal(("NET ifstat", "ptops_net_ifstat", "counter"), (doc.Group, doc.Table, doc.Kind));

        var concept = await service.Client.GetDocAsync("concept:fast-path-architecture");
        Assert.Contains("MSP", concept.Body);

        var missing = await Assert.ThrowsAsync<DocsApiException>(() => service.Client.GetDocAsync("field:DISK:no_such_metric"));
        Assert.Equal((404, "doc_not_found"), (missing.Status, missing.Error.Error));
        Assert.NotEmpty(missing.Error.Suggestions);

        var concepts = await service.Client.ListConceptsAsync();
        Assert.True(concepts.Concepts.Count >= 6);

        var alias = await service.Client.ResolveAliasAsync("net_rk_kib_per_sec");
        Assert.Equal(("net_rx_kb_per_sec", true), (alias.Canonical, alias.IsAlias));
        var unknown = await Assert.ThrowsAsync<DocsApiException>(() => service.Client.ResolveAliasAsync("nothing_like_this"));
        Assert.Equal((404, "alias_not_found"), (unknown.Status, unknown.Error.Error));
    }

    [Fact]
    public async Task Bad_requests_get_400_with_the_error_body()
    {
        using var raw = await service.Http.GetAsync("api/search?q=disk&kind=summary");
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        using var body = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());
        Assert.Equal("invalid_argument", body.RootElement.GetProperty("error").GetString());
        Assert.Contains("summary", body.RootElement.GetProperty("message").GetString());
        Assert.Contains("counter", body.RootElement.GetProperty("suggestions").EnumerateArray().Select(e => e.GetString()));

        var e = await Assert.ThrowsAsync<DocsApiException>(() => service.Client.SearchMetricsAsync(" "));
        Assert.Equal((400, "invalid_argument"), (e.Status, e.Error.Error));

        using var missing = await service.Http.GetAsync("api/aliases/nothing_like_this");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_health_check_reports_the_ready_index()
    {
        var checks = service.App.Services.GetRequiredService<HealthCheckService>();
        var report = await checks.CheckHealthAsync(r => r.Name == "docs-index");
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(0, report.Entries["docs-index"].Data["vectors_computed"]);
    }

    [Fact]
    public async Task Semantic_kernel_callers_get_the_search_as_a_plugin()
    {
        var kernel = service.App.Services.GetRequiredService<Kernel>();
        Assert.Contains(kernel.Plugins, p => p.Name == "docs");
        var result = await kernel.InvokeAsync("docs", "search_metrics", new KernelArguments { ["query"] = "DNS proxy timing out", ["limit"] = 3 });
        var r = result.GetValue<MetricSearchResponse>();
        Assert.Equal("fpprxy_query_timeouts_total", r!.Candidates[0].Metric);
        var alias = await kernel.InvokeAsync("docs", "resolve_alias", new KernelArguments { ["name"] = "fpports_ip_total" });
        Assert.Equal("fpports_rx_packets_total", alias.GetValue<AliasResponse>()!.Canonical);
    }
}

/// <summary>What callers see when the service is not there or not ready.</summary>
public sealed class DocsUnavailableTests
{
    [Fact]
    public async Task An_unreachable_service_is_reported_as_unavailable()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/"), Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<DocsUnavailableException>(() => new DocsClient(http).SearchMetricsAsync("disk"));
    }

    [Fact]
    public async Task Before_the_index_is_built_requests_get_503_docs_not_ready()
    {
        // A host that was never started has no index.
        var host = new DocsIndexHost(SharedDocsIndex.Generator,
            new EmbeddingStoreFactory(new ServiceCollection().BuildServiceProvider(), Options.Create(new EmbeddingCacheSettings()), Options.Create(new PerfAspire.Schema.DatabaseSettings()), NullLogger<EmbeddingStoreFactory>.Instance),
            NullLogger<DocsIndexHost>.Instance);
        var docs = new DocsQueries(host, Options.Create(new SearchSettings()));
        var e = await Assert.ThrowsAsync<DocsRequestException>(() => docs.SearchMetricsAsync("disk", 5, default));
        Assert.Equal((503, "docs_not_ready"), (e.Status, e.Error));

        // Up but not ready: Degraded, so orchestrators do not hold the rest of the product back for it.
        var health = await new DocsIndexHealthCheck(host).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);

        // Over HTTP the client turns that into DocsUnavailableException carrying the token.
        await using var app = await LoopbackApp.StartAsync(b => b.Services.AddSingleton(docs), a => a.MapDocsApi());
        var unavailable = await Assert.ThrowsAsync<DocsUnavailableException>(() => new DocsClient(app.Http).ListConceptsAsync());
        Assert.Equal("docs_not_ready", unavailable.ErrorToken);
    }
}
