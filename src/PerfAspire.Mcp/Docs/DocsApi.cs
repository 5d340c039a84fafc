using System.Text.Json;
using PerfAspire.Mcp.Http;

namespace PerfAspire.Mcp.Docs;

/// <summary>The docs service's HTTP API (base address <c>http://docs</c>; <c>services:docs:http:0</c> or <c>Mcp:DocsUrl</c>).</summary>
public sealed class DocsApi(IHttpClientFactory factory)
{
    public const string ClientName = "docs-api";
    const string Service = "docs";

    HttpClient Http => factory.CreateClient(ClientName);

    public Task<JsonElement> SearchAsync(string q, string? level, string? group, string? category, string? kind, int? limit, int? offset, CancellationToken ct) =>
        Get(Query("/api/search", ("q", q), ("level", level), ("group", group), ("category", category), ("kind", kind), ("limit", limit?.ToString()), ("offset", offset?.ToString())), ct);

    public Task<JsonElement> GetDocAsync(string id, CancellationToken ct) => Get("/api/docs/" + Uri.EscapeDataString(id), ct);

    public Task<JsonElement> SearchMetricsAsync(string q, int? limit, CancellationToken ct) =>
        Get(Query("/api/metrics/search", ("q", q), ("limit", limit?.ToString())), ct);

    public Task<JsonElement> ConceptsAsync(CancellationToken ct) => Get("/api/concepts", ct);

    public Task<JsonElement> AliasAsync(string name, CancellationToken ct) => Get("/api/aliases/" + Uri.EscapeDataString(name), ct);

    Task<JsonElement> Get(string path, CancellationToken ct) => JsonHttp.SendAsync(Http, Service, HttpMethod.Get, path, null, ct);

    static string Query(string path, params (string Key, string? Value)[] args) =>
        path + "?" + string.Join("&", args.Where(a => !string.IsNullOrEmpty(a.Value)).Select(a => a.Key + "=" + Uri.EscapeDataString(a.Value!)));
}
