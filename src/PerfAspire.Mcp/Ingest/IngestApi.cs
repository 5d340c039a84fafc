using System.Text.Json;
using PerfAspire.Mcp.Http;

namespace PerfAspire.Mcp.Ingest;

/// <summary>
/// The ingest service's bundle lifecycle API (base address <c>http://ingest</c> through service discovery;
/// <c>services:ingest:http:0</c> or <c>Mcp:IngestUrl</c> outside Aspire).
/// </summary>
public sealed class IngestApi(IHttpClientFactory factory)
{
    public const string ClientName = "ingest-api";
    const string Service = "ingest";

    HttpClient Http => factory.CreateClient(ClientName);

    public Task<JsonElement> StartLoadAsync(string path, bool force, IReadOnlyList<string>? categories, int? maxFiles, CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Post, "/api/bundles/load",
            new Dictionary<string, object?> { ["path"] = path, ["force"] = force, ["categories"] = categories, ["max_files"] = maxFiles }, ct);

    public Task<JsonElement> JobAsync(string jobId, CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Get, "/api/bundles/jobs/" + Uri.EscapeDataString(jobId), null, ct);

    public Task<JsonElement> JobsAsync(CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Get, "/api/bundles/jobs", null, ct);

    public Task<JsonElement> ListAsync(CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Get, "/api/bundles", null, ct);

    public Task<JsonElement> ActiveAsync(CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Get, "/api/bundles/active", null, ct);

    public Task<JsonElement> SwitchActiveAsync(string bundleId, CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Post, "/api/bundles/active", new Dictionary<string, object?> { ["bundle_id"] = bundleId }, ct);

    public Task<JsonElement> UnloadAsync(string bundleId, CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Delete, "/api/bundles/" + Uri.EscapeDataString(bundleId), null, ct);

    public Task<JsonElement> PurgeAsync(CancellationToken ct) =>
        JsonHttp.SendAsync(Http, Service, HttpMethod.Post, "/api/bundles/purge", null, ct);
}
