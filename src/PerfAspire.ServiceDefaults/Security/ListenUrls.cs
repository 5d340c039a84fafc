using Microsoft.Extensions.Configuration;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>The addresses a service will listen on, read the way Kestrel reads them, before it starts.</summary>
public static class ListenUrls
{
    /// <summary>ASPNETCORE_URLS / --urls / UseUrls, Kestrel:Endpoints:*:Url and HTTP_PORTS / HTTPS_PORTS (which bind every interface).</summary>
    public static List<string> FromConfiguration(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            if (configuration[key] is { Length: > 0 } ports)
            {
                urls.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
            }
        }
        return urls;
    }
}
