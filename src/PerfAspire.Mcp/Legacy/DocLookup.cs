using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace PerfAspire.Mcp.Legacy;

/// <summary>
/// Fetches a metric's doc from the docs service (<c>GET {base}/api/docs/{id}</c>, base <c>http://docs</c> through
/// service discovery, or <c>Mcp:DocsBaseAddress</c>). A doc is an extra: when the service is slow or absent the
/// caller gets a warning token instead of waiting through retries.
/// </summary>
public sealed class DocLookup(IHttpClientFactory clients, IConfiguration configuration)
{
    public const string ConfigKey = "Mcp:DocsBaseAddress";
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(4);
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    // Tool objects are created per call, so the "docs service is down" memory is per process: after a failure,
    // calls in the next 30 s answer at once instead of each waiting out the timeout and retries.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> DownSince = new(StringComparer.Ordinal);

    public sealed record Doc(string Id, string? Title, string? Summary, string? Body, IReadOnlyList<string>? Related);

    public sealed record Outcome(Doc? Doc, string? Warning);

    public async Task<Outcome> GetAsync(string id, CancellationToken ct)
    {
        var baseAddress = configuration[ConfigKey] is { Length: > 0 } configured ? configured.TrimEnd('/') : "http://docs";
        if (DownSince.TryGetValue(baseAddress, out var since) && System.Diagnostics.Stopwatch.GetElapsedTime(since) < RetryAfter)
        {
            return new Outcome(null, "docs_unavailable");
        }
        var outcome = await FetchAsync(baseAddress, id, ct);
        if (outcome.Warning == "docs_unavailable") DownSince[baseAddress] = System.Diagnostics.Stopwatch.GetTimestamp();
        else DownSince.TryRemove(baseAddress, out _);
        return outcome;
    }

    async Task<Outcome> FetchAsync(string baseAddress, string id, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Timeout);
        try
        {
            using var client = clients.CreateClient("docs");
            using var response = await client.GetAsync($"{baseAddress}/api/docs/{Uri.EscapeDataString(id)}", cts.Token);
            if (response.StatusCode == HttpStatusCode.NotFound) return new Outcome(null, "doc_not_found");
            if (!response.IsSuccessStatusCode) return new Outcome(null, "docs_unavailable");
            await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cts.Token);
            var root = json.RootElement;
            return new Outcome(new Doc(
                Str(root, "id") ?? id, Str(root, "title"), Str(root, "summary"), Str(root, "body"),
                root.TryGetProperty("related", out var rel) && rel.ValueKind == JsonValueKind.Array
                    ? [.. rel.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
                    : null), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(null, "docs_unavailable");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException
                                      or Polly.Timeout.TimeoutRejectedException)
        {
            return new Outcome(null, "docs_unavailable");
        }
    }

    static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
