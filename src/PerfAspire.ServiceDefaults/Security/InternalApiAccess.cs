using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Net.Http.Headers;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>
/// Who may call the internal HTTP APIs (ingest, docs). Their only intended client is the MCP server, never a
/// browser, so a request carrying a foreign <c>Origin</c> is refused, the <c>Host</c> must be a loopback name while
/// the service listens on loopback only (no DNS rebinding), bodies must be <c>application/json</c> (a page cannot
/// send that cross-site without a preflight) and, when <see cref="ApiKeySetting"/> is set, every request must carry
/// it as a bearer token. The AppHost always sets the key; a service bound beyond loopback refuses to start without one.
/// </summary>
public sealed record InternalApiAccess(string Service, bool LoopbackOnly, string? ApiKey)
{
    public const string ApiKeySetting = "INTERNAL_API_KEY";

    /// <summary>Reads the listen addresses and the key; throws <see cref="AccessConfigurationException"/> for an exposed bind without a key.</summary>
    public static InternalApiAccess FromConfiguration(string service, IConfiguration configuration) =>
        FromUrls(service, ListenUrls.FromConfiguration(configuration), configuration[ApiKeySetting]);

    public static InternalApiAccess FromUrls(string service, IReadOnlyList<string> urls, string? apiKey)
    {
        apiKey = ApiKeys.Normalize(apiKey);
        var exposed = urls.Where(u => !LoopbackHosts.IsLoopbackHost(LoopbackHosts.HostOfListenUrl(u))).ToList();
        if (exposed.Count > 0 && apiKey is null)
        {
            throw new AccessConfigurationException(
                $"refusing to serve the {service} API on {string.Join(", ", exposed)}: that address is reachable from other machines. " +
                $"Set {ApiKeySetting} (the MCP server sends it as 'Authorization: Bearer <key>') or bind to loopback (ASPNETCORE_URLS=http://127.0.0.1:<port>).");
        }
        return new InternalApiAccess(service, exposed.Count == 0, apiKey);
    }

    /// <summary>Null when the request may pass, else the refusal to send.</summary>
    public AccessRefusal? Check(HttpRequest request)
    {
        var hostHeader = request.Host.HasValue ? request.Host.Value : "";
        if (LoopbackOnly && !LoopbackHosts.IsLoopbackHost(LoopbackHosts.HostOfHeader(hostHeader)))
        {
            return new(StatusCodes.Status403Forbidden, "forbidden_host",
                $"forbidden_host: Host '{hostHeader}' is not allowed: the {Service} API only answers loopback host names. Call it as http://127.0.0.1:<port> or localhost.");
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(origin, hostHeader))
        {
            return new(StatusCodes.Status403Forbidden, "forbidden_origin",
                $"forbidden_origin: Origin '{origin}' is not allowed: the {Service} API is not for web pages; only the MCP server calls it.");
        }
        if (ApiKey is not null && !ApiKeys.Matches(ApiKeys.BearerToken(request), ApiKey))
        {
            return new(StatusCodes.Status401Unauthorized, "unauthorized",
                $"unauthorized: missing or wrong key: send 'Authorization: Bearer <{ApiKeySetting}>' (the AppHost hands the key to the MCP server).");
        }
        if (HasBody(request) && !IsJson(request.ContentType))
        {
            return new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"unsupported_media_type: Content-Type '{request.ContentType}' is not accepted: send the body as application/json.");
        }
        return null;
    }

    /// <summary>Origin "null", another scheme-less value or another authority than the Host the request came to: not ours.</summary>
    static bool IsOwnOrigin(string origin, string hostHeader) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o) && (o.Scheme == Uri.UriSchemeHttp || o.Scheme == Uri.UriSchemeHttps)
        && hostHeader.Length > 0 && string.Equals(o.Authority, hostHeader, StringComparison.OrdinalIgnoreCase);

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || request.ContentType is { Length: > 0 };

    static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true);
}

/// <summary>Why a request is refused: the status, a stable code and one line that names what to do.</summary>
public sealed record AccessRefusal(int Status, string Code, string Message);

/// <summary>A listen/key combination a service refuses to start with. The message is one line that names the fix.</summary>
public sealed class AccessConfigurationException(string message) : Exception(message);

public static class InternalApiAccessMiddleware
{
    /// <summary>
    /// Applies <see cref="InternalApiAccess"/> to every request except the health probes (the AppHost polls those
    /// without a key); refusals are the APIs' usual <c>{error, message}</c> body. Installs
    /// <see cref="InternalApiErrors"/> first, so no answer of the API carries a stack trace.
    /// </summary>
    public static InternalApiAccess UseInternalApiAccess(this WebApplication app, string service)
    {
        var access = InternalApiAccess.FromConfiguration(service, app.Configuration);
        app.UseInternalApiErrors(service);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
                || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath))
            {
                await next(context);
                return;
            }
            if (access.Check(context.Request) is { } refusal)
            {
                context.Response.StatusCode = refusal.Status;
                if (refusal.Status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsJsonAsync(new { error = refusal.Code, message = refusal.Message });
                return;
            }
            await next(context);
        });
        return access;
    }
}
