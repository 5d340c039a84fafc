using PerfAspire.ServiceDefaults.Security;

namespace PerfAspire.Mcp.Security;

/// <summary>Enforces <see cref="HttpAccessPolicy"/> on every request except the health probes.</summary>
public static class HttpAccessMiddleware
{
    public static WebApplication UseHttpAccessPolicy(this WebApplication app, HttpAccessPolicy policy)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
                || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath))
            {
                await next(context);
                return;
            }
            if (Reject(policy, context.Request) is { } failure)
            {
                context.Response.StatusCode = failure.Status;
                if (failure.Status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsync(failure.Message);
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Null when the request may pass, else the status and a one-line reason.</summary>
    public static (int Status, string Message)? Reject(HttpAccessPolicy policy, HttpRequest request)
    {
        if (policy.LoopbackOnly)
        {
            var host = request.Host.HasValue ? LoopbackHosts.HostOfHeader(request.Host.Value) : "";
            if (!LoopbackHosts.IsLoopbackHost(host))
            {
                return (StatusCodes.Status403Forbidden, $"Host '{request.Host}' is not allowed: this server only answers loopback host names.");
            }
            var origin = request.Headers.Origin.ToString();
            if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !LoopbackHosts.IsLoopbackHost(o.Host)))
            {
                return (StatusCodes.Status403Forbidden, $"Origin '{origin}' is not allowed: this server only answers loopback origins.");
            }
        }
        if (policy.ApiKey is { } key)
        {
            if (!ApiKeys.Matches(ApiKeys.BearerToken(request), key))
            {
                return (StatusCodes.Status401Unauthorized, "Missing or wrong API key: send 'Authorization: Bearer <MCP_API_KEY>'.");
            }
        }
        return null;
    }
}
