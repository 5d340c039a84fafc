using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>Sends <see cref="InternalApiAccess.ApiKeySetting"/> as a bearer token on calls to ingest and docs (nothing when it is unset).</summary>
public sealed class InternalApiKeyHandler(string? key) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (key is not null && request.Headers.Authorization is null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return base.SendAsync(request, cancellationToken);
    }
}

public static class InternalApiKeyHttpClientExtensions
{
    /// <summary>Adds the internal API key to every request of this client (read once from configuration).</summary>
    public static IHttpClientBuilder AddInternalApiKey(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        var key = ApiKeys.Normalize(configuration[InternalApiAccess.ApiKeySetting]);
        return builder.AddHttpMessageHandler(() => new InternalApiKeyHandler(key));
    }
}
