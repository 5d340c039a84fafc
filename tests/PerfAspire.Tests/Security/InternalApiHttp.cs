using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PerfAspire.Tests.Security;

/// <summary>Raw requests to the ingest and docs APIs as a web page or another local program sends them, and what they answer.</summary>
public static class InternalApiHttp
{
    /// <summary>The status, the <c>error</c> token of a JSON error body (null otherwise) and the body.</summary>
    public sealed record Answer(HttpStatusCode Status, string? Code, string Text);

    /// <param name="key">Sent as <c>Authorization: Bearer</c> when not null.</param>
    /// <param name="origin">Sent as the <c>Origin</c> header when not null (a web page's request).</param>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? key, string? body = null, string contentType = "application/json", string? origin = null)
    {
        var r = new HttpRequestMessage(method, path);
        if (body is not null) r.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (key is not null) r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (origin is not null) r.Headers.Add("Origin", origin);
        return r;
    }

    /// <summary>Sends the request (and disposes it).</summary>
    public static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var _ = request;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String) code = e.GetString();
        }
        catch (JsonException) { }
        return new Answer(response.StatusCode, code, text);
    }
}
