using Microsoft.AspNetCore.Hosting;
using PerfAspire.Schema;
using PerfAspire.ServiceDefaults.Security;
using PerfAspire.ServiceDefaults.Settings;

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
    public const string BundleRootsSetting = "BUNDLE_ROOTS";
    const string BundleRootsKey = "Bundles:Roots";

    /// <summary>Reads the listen addresses (ASPNETCORE_URLS / --urls / HTTP_PORTS / Kestrel:Endpoints), applies the default, validates.</summary>
    public static HttpAccessPolicy Configure(IWebHostBuilder webHost, IConfiguration configuration)
    {
        var urls = PerfAspire.ServiceDefaults.Security.ListenUrls.FromConfiguration(configuration);
        if (urls.Count == 0)
        {
            webHost.UseUrls(DefaultUrl);
            urls.Add(DefaultUrl);
        }
        return FromUrls(urls, configuration[ApiKeySetting], SettingVariables.Find(configuration, BundleRootsKey).Text ?? "");
    }

    /// <param name="bundleRoots">
    /// BUNDLE_ROOTS: required beyond loopback, since a remote client could otherwise have any file the services can
    /// read loaded (null: not checked, for callers that only test the key rules).
    /// </param>
    public static HttpAccessPolicy FromUrls(IReadOnlyList<string> urls, string? apiKey, string? bundleRoots = null)
    {
        apiKey = ApiKeys.Normalize(apiKey);
        var exposed = urls.Where(u => !LoopbackHosts.IsLoopbackHost(LoopbackHosts.HostOfListenUrl(u))).ToList();
        if (exposed.Count > 0 && apiKey is null)
        {
            throw new McpConfigurationException(
                $"refusing to serve MCP on {string.Join(", ", exposed)}: that address is reachable from other machines. " +
                $"Set {ApiKeySetting} (clients then send 'Authorization: Bearer <key>') or bind to loopback (ASPNETCORE_URLS={DefaultUrl}).");
        }
        if (exposed.Count > 0 && bundleRoots is not null && string.IsNullOrWhiteSpace(bundleRoots))
        {
            throw new McpConfigurationException(
                $"refusing to serve MCP on {string.Join(", ", exposed)} without {BundleRootsSetting}: remote clients could load any file this machine can read. " +
                $"Set {BundleRootsSetting} to the directories bundles may be loaded from (the same value for the ingest service), or bind to loopback.");
        }
        return new HttpAccessPolicy(exposed.Count == 0, apiKey, urls);
    }
}
