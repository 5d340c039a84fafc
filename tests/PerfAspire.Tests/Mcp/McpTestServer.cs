using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using PerfAspire.Mcp;
using PerfAspire.Mcp.Security;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The MCP server composed as Program.cs composes it (service defaults, access policy, tools from the assembly,
/// Streamable HTTP at /mcp), in process on 127.0.0.1 with a free port; clients are the SDK's own.
/// </summary>
public sealed class McpTestServer : IAsyncDisposable
{
    readonly WebApplication _app;

    McpTestServer(WebApplication app, Uri endpoint, IServiceProvider services)
    {
        _app = app;
        Endpoint = endpoint;
        Services = services;
    }

    public Uri Endpoint { get; }

    public IServiceProvider Services { get; }

    /// <param name="configure">Registrations made before the server's own (which only add what is missing).</param>
    public static async Task<McpTestServer> StartAsync(string connectionString, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timescale"] = connectionString,
            ["DATABASE_MODE"] = "local",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        configure?.Invoke(builder.Services);
        builder.AddPerfAspireMcpServices();
        builder.AddMcpServices().WithPerfAspireHttpTransport();
        var app = builder.Build();
        app.UseHttpAccessPolicy(HttpAccessPolicy.FromUrls(["http://127.0.0.1:0"], null));
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        return new McpTestServer(app, new Uri(address + "/mcp"), app.Services);
    }

    /// <param name="protocolVersion">A protocol version to ask for, e.g. 2025-11-25, the last one with HTTP sessions (default: the SDK's newest).</param>
    public Task<McpClient> ConnectAsync(CancellationToken ct = default, string? protocolVersion = null) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = Endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
            protocolVersion is null ? null : new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
