using System.Net.Http.Json;
using System.Text.Json;

namespace PerfAspire.Docs.Client;

/// <summary>
/// Typed client of the docs HTTP API, the MCP server's <see cref="IDocsBackend"/> when a docs service is configured
/// (registered with <c>AddHttpClient&lt;IDocsBackend, DocsClient&gt;</c>). Bad arguments and unknown ids or aliases
/// throw <see cref="DocsApiException"/> with the service's error token and suggestions, and an unreachable or
/// failing service throws <see cref="DocsUnavailableException"/> so callers can answer with the warning
/// <c>docs_unavailable</c>.
/// </summary>
public sealed class DocsClient(HttpClient http) : IDocsBackend
{
    public string Location => $"the docs service at {http.BaseAddress}";

    public Task<SearchResponse> SearchAsync(string query, string? level = null, string? group = null, string? category = null,
        string? kind = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        GetAsync<SearchResponse>("api/search" + Query(("q", query), ("level", level), ("group", group), ("category", category), ("kind", kind),
            ("limit", limit?.ToString()), ("offset", offset?.ToString())), cancellationToken)!;

    public Task<MetricSearchResponse> SearchMetricsAsync(string query, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<MetricSearchResponse>("api/metrics/search" + Query(("q", query), ("limit", limit?.ToString())), cancellationToken)!;

    public Task<DocResponse> GetDocAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<DocResponse>("api/docs/" + Uri.EscapeDataString(id), cancellationToken);

    public Task<ConceptListResponse> ListConceptsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ConceptListResponse>("api/concepts", cancellationToken)!;

    public Task<AliasResponse> ResolveAliasAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<AliasResponse>("api/aliases/" + Uri.EscapeDataString(name), cancellationToken);

    async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (e is HttpRequestException or TaskCanceledException or TimeoutException
            || e.GetType().FullName?.StartsWith("Polly.", StringComparison.Ordinal) == true))
        {
            // Connection refused, DNS failure, a resilience timeout or an open circuit all mean "not reachable now".
            throw new DocsUnavailableException($"The docs service cannot be reached at {http.BaseAddress} ({e.GetType().Name}).", e);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                    ?? throw new DocsUnavailableException($"The docs service sent an empty answer to {path}.");
            }
            DocsError? error = null;
            try
            {
                error = await response.Content.ReadFromJsonAsync<DocsError>(cancellationToken);
            }
            catch (JsonException)
            {
                // Not one of our error bodies (a proxy's page, an HTML 502): reported below by status code.
            }
            catch (NotSupportedException)
            {
                // Wrong content type: same.
            }
            if ((int)response.StatusCode >= 500 || error is null)
            {
                throw new DocsUnavailableException($"The docs service answered {(int)response.StatusCode}: {error?.Message ?? response.ReasonPhrase}", errorToken: error?.Error);
            }
            throw new DocsApiException((int)response.StatusCode, error);
        }
    }

    static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

/// <summary>The docs service rejected the request (400, 404): <see cref="Error"/> says why.</summary>
public sealed class DocsApiException(int status, DocsError error) : Exception(error.Message)
{
    public int Status { get; } = status;
    public DocsError Error { get; } = error;
}

/// <summary>The docs service is down, unreachable, still building its index (<c>docs_not_ready</c>) or failing.</summary>
public sealed class DocsUnavailableException(string message, Exception? inner = null, string? errorToken = null) : Exception(message, inner)
{
    /// <summary>The service's error token when it sent one (e.g. <c>docs_not_ready</c>).</summary>
    public string? ErrorToken { get; } = errorToken;
}
