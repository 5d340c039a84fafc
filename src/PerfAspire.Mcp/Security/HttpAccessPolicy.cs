using Microsoft.AspNetCore.Hosting;

namespace PerfAspire.Mcp.Security;

/// <summary>
/// Who may talk to the HTTP endpoint. Loopback binding (the default, http://127.0.0.1:5100) accepts only
/// loopback Host and Origin headers, so a web page cannot reach the server through DNS rebinding. Binding to
/// any other address requires <c>MCP_API_KEY</c>, sent by clients as <c>Authorization: Bearer &lt;key&gt;</c>;
/// a set key is required on loopback too.
/// </summary>
public sealed record HttpAccessPolicy(bool LoopbackOnly, string? ApiKey, IReadOnlyList<string> ListenUrls)
{
    public const string DefaultUrl = "http://127.0.0.1:5100";
    public const string ApiKeySetting = "MCP_API_KEY";

    /// <summary>Reads the listen addresses (ASPNETCORE_URLS / --urls / HTTP_PORTS / Kestrel:Endpoints), applies the default, validates.</summary>
    public static HttpAccessPolicy Configure(IWebHostBuilder webHost, IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        var ports = configuration["http_ports"] ?? configuration["https_ports"];
        if (urls.Count == 0 && string.IsNullOrWhiteSpace(ports))
        {
            webHost.UseUrls(DefaultUrl);
            urls.Add(DefaultUrl);
        }
        // HTTP_PORTS binds every interface.
        if (!string.IsNullOrWhiteSpace(ports)) urls.Add($"http://*:{ports}");
        return FromUrls(urls, configuration[ApiKeySetting]);
    }

    public static HttpAccessPolicy FromUrls(IReadOnlyList<string> urls, string? apiKey)
    {
        apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        var exposed = urls.Where(u => !LoopbackHosts.IsLoopbackHost(LoopbackHosts.HostOfListenUrl(u))).ToList();
        if (exposed.Count > 0 && apiKey is null)
        {
            throw new McpConfigurationException(
                $"refusing to serve MCP on {string.Join(", ", exposed)}: that address is reachable from other machines. " +
                $"Set {ApiKeySetting} (clients then send 'Authorization: Bearer <key>') or bind to loopback (ASPNETCORE_URLS={DefaultUrl}).");
        }
        return new HttpAccessPolicy(exposed.Count == 0, apiKey, urls);
    }
}
