using System.Net.Http.Json;
using System.Text.Json;

namespace PerfAspire.Mcp.Http;

/// <summary>
/// JSON calls to a sibling service, kept as <see cref="JsonElement"/>: the MCP tools relay the services' own
/// snake_case shapes, so there is no second copy of their DTOs to drift. Error bodies <c>{error, message}</c>
/// become <see cref="ServiceCallException"/>s carrying the service's code.
/// </summary>
public static class JsonHttp
{
    public static async Task<JsonElement> SendAsync(HttpClient http, string service, HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is HttpRequestException or TaskCanceledException or TimeoutException
            || e.GetType().FullName?.StartsWith("Polly.", StringComparison.Ordinal) == true))
        {
            // Connection refused, DNS failure, resilience timeout or open circuit: all mean "not reachable now".
            throw new ServiceCallException(service, service + "_unavailable",
                $"The {service} service cannot be reached at {http.BaseAddress} ({e.GetType().Name}).", unreachable: true);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonElement json = default;
            var parsed = false;
            if (text.Length > 0)
            {
                try
                {
                    json = JsonDocument.Parse(text).RootElement.Clone();
                    parsed = true;
                }
                catch (JsonException)
                {
                    // Non-JSON body (a proxy's error page): reported below by status.
                }
            }
            if (response.IsSuccessStatusCode) return parsed ? json : JsonDocument.Parse("{}").RootElement.Clone();
            var hasError = parsed && json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e1) && e1.ValueKind == JsonValueKind.String;
            if ((int)response.StatusCode >= 500 && !hasError)
            {
                throw new ServiceCallException(service, service + "_unavailable", $"The {service} service failed ({(int)response.StatusCode}).", unreachable: true);
            }
            if (hasError)
            {
                var err = json.GetProperty("error").GetString()!;
                var message = json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : err;
                IReadOnlyList<string>? suggestions = json.TryGetProperty("suggestions", out var s) && s.ValueKind == JsonValueKind.Array
                    ? [.. s.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                    : null;
                throw new ServiceCallException(service, err, message, suggestions, unreachable: (int)response.StatusCode == 503);
            }
            throw new ServiceCallException(service, "http_" + (int)response.StatusCode, $"The {service} service answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
