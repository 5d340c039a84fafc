using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PerfAspire.Docs;
using PerfAspire.Docs.Hosting;
using PerfAspire.Docs.Search;
using PerfAspire.Tests.Docs;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Security;

/// <summary>
/// The ingest and docs APIs as a web page or another local program would try them: real hosts on loopback with the
/// key the AppHost hands out, raw HTTP requests.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class InternalApiAccessTests(DatabaseFixture db)
{
    const string Key = "test-internal-key-0123456789abcdef";

    static HttpRequestMessage Request(HttpMethod method, string path, string? json = null, string contentType = "application/json",
        string? key = Key, string? origin = null) => InternalApiHttp.Request(method, path, key, json, contentType, origin);

    static async Task<(HttpStatusCode Status, string? Code)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var a = await InternalApiHttp.SendAsync(http, request);
        return (a.Status, a.Code);
    }

    [Fact]
    public async Task Ingest_refuses_foreign_origins_plain_text_missing_keys_and_foreign_hosts_for_every_verb()
    {
        var cs = await FreshDatabaseAsync(db);
        await using var ingest = await IngestHost.StartAsync(cs, new Dictionary<string, string?> { ["INTERNAL_API_KEY"] = Key });
        using var http = new HttpClient { BaseAddress = ingest.BaseAddress };
        var load = JsonSerializer.Serialize(new { path = Small.TarGz.Path });
        var verbs = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, "/api/bundles/load", load),
            (HttpMethod.Post, "/api/bundles/active", """{"bundle_id":"b"}"""),
            (HttpMethod.Delete, "/api/bundles/b", null),
            (HttpMethod.Post, "/api/bundles/purge", null),
            (HttpMethod.Get, "/api/bundles", null),
        };
        foreach (var (method, path, body) in verbs)
        {
            // The browser attack of the report: a cross-site "simple" request.
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden_origin"),
                await SendAsync(http, Request(method, path, body ?? "", "text/plain", key: null, origin: "http://evil.example")));
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden_origin"), await SendAsync(http, Request(method, path, body, origin: "null")));
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await SendAsync(http, Request(method, path, body, key: null)));
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await SendAsync(http, Request(method, path, body, key: Key + "x")));
            Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), await SendAsync(http, Request(method, path, body ?? "{}", "text/plain")));
            var rebound = Request(method, path, body);
            rebound.Headers.Host = "evil.example";
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden_host"), await SendAsync(http, rebound));
            var dotted = Request(method, path, body);
            dotted.Headers.Host = "localhost.:" + ingest.BaseAddress.Port;
            Assert.Equal((HttpStatusCode.Forbidden, "forbidden_host"), await SendAsync(http, dotted));
        }
        // Nothing of the refused requests happened.
        using (var count = new Npgsql.NpgsqlConnection(cs))
        {
            await count.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM perf.bundles", count);
            Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
        }

        // The MCP server's own requests pass: same origin is allowed, JSON with the key reaches the handlers.
        Assert.Equal((HttpStatusCode.NotFound, "bundle_not_found"), await SendAsync(http, Request(HttpMethod.Post, "/api/bundles/active", """{"bundle_id":"b"}""",
            origin: ingest.BaseAddress.GetLeftPart(UriPartial.Authority))));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, Request(HttpMethod.Post, "/api/bundles/purge"))).Status);
        var loaded = await SendAsync(http, Request(HttpMethod.Post, "/api/bundles/load?wait=true", load));
        Assert.Equal(HttpStatusCode.OK, loaded.Status);
        // Health probes stay open for the orchestrator.
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Docs_refuses_foreign_origins_and_missing_keys_for_search()
    {
        var host = new DocsIndexHost(SharedDocsIndex.Generator,
            new EmbeddingStoreFactory(new ServiceCollection().BuildServiceProvider(), Options.Create(new EmbeddingCacheSettings()), Options.Create(new PerfAspire.Schema.DatabaseSettings()), NullLogger<EmbeddingStoreFactory>.Instance),
            NullLogger<DocsIndexHost>.Instance);
        await using var app = await LoopbackApp.StartAsync(builder =>
        {
            builder.Configuration["INTERNAL_API_KEY"] = Key;
            builder.Services.AddSingleton(new DocsQueries(host, Options.Create(new SearchSettings())));
        }, a => a.MapDocsApi());
        var http = app.Http;

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden_origin"), await SendAsync(http, Request(HttpMethod.Get, "/api/search?q=disk", key: null, origin: "http://evil.example")));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await SendAsync(http, Request(HttpMethod.Get, "/api/search?q=disk", key: null)));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), await SendAsync(http, Request(HttpMethod.Get, "/api/search?q=disk", "q", "text/plain")));
        // With the key the request reaches the service (whose index was never built here).
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "docs_not_ready"), await SendAsync(http, Request(HttpMethod.Get, "/api/search?q=disk")));
    }

    [Fact]
    public async Task The_mcp_server_sends_the_key_and_a_wrong_one_is_refused()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using var ingest = await IngestHost.StartAsync(cs, new Dictionary<string, string?> { ["INTERNAL_API_KEY"] = Key });
        await using (var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:IngestUrl"] = ingest.BaseAddress.ToString(),
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            ["INTERNAL_API_KEY"] = Key,
        }))
        await using (var client = await server.ConnectAsync())
        {
            var list = await client.OkAsync("support_list_bundles");
            Assert.Equal(0, list.GetProperty("count").GetInt32());
        }
        await using (var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:IngestUrl"] = ingest.BaseAddress.ToString(),
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            ["INTERNAL_API_KEY"] = "not-the-key",
        }))
        await using (var client = await server.ConnectAsync())
        {
            var error = await client.ErrorAsync("support_list_bundles", null, "unauthorized");
            Assert.Contains("INTERNAL_API_KEY", error.GetProperty("message").GetString());
        }
    }
}
