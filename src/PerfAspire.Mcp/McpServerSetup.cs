using System.Reflection;
using ModelContextProtocol.Protocol;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp;

/// <summary>
/// Services shared by both transports (Streamable HTTP and stdio). Tools are discovered from this assembly:
/// add a class marked [McpServerToolType] under Tools/ (the old backend's tools under Legacy/) and it is served.
/// </summary>
public static class McpServerSetup
{
    public const string ServerName = "perfaspire";

    public static string ServerVersion { get; } =
        typeof(McpServerSetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(McpServerSetup).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static IMcpServerBuilder AddMcpServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHttpContextAccessor();
        return builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = ServerName, Title = "PerfAspire", Version = ServerVersion };
                o.ServerInstructions = ServerInstructions.Text;
            })
            // Every tool call knows its session, so a load or switch sets that session's default bundle.
            .WithRequestFilters(f => f.AddCallToolFilter(next => async (context, ct) =>
            {
                Bundles.SessionBundles.Enter(SessionKey(context));
                return await next(context, ct);
            }))
            .WithToolsFromAssembly(typeof(McpServerSetup).Assembly)
            .WithPromptsFromAssembly(typeof(McpServerSetup).Assembly)
            .WithToolContract()
            .WithCallDeadline();
    }

    /// <summary>
    /// Streamable HTTP at /mcp. Clients that open a session (the initialize handshake of protocol versions up to
    /// 2025-11-25) get one, so a bundle they load or switch to stays their default; requests of the sessionless
    /// revisions (2026-07-28 on) are served statelessly and read the shared active bundle.
    /// </summary>
    public static IMcpServerBuilder WithPerfAspireHttpTransport(this IMcpServerBuilder builder) =>
        builder.WithHttpTransport(o => o.SessionMode = ModelContextProtocol.AspNetCore.HttpServerSessionMode.StatefulForInitializeClients);

    /// <summary>
    /// The MCP session of a call. Over stdio the process is the session. Over HTTP it is the Streamable HTTP session
    /// (the <c>Mcp-Session-Id</c> header: the per-request server object the SDK hands to filters carries no id);
    /// a request of a sessionless protocol version (2026-07-28 and later) has none, and null means "no session".
    /// </summary>
    static string? SessionKey(ModelContextProtocol.Server.RequestContext<CallToolRequestParams> context)
    {
        if (context.Server.SessionId is { Length: > 0 } id) return id;
        var http = context.Services?.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()?.HttpContext;
        if (http is null) return Bundles.SessionBundles.ProcessSession;
        return http.Request.Headers["Mcp-Session-Id"].ToString() is { Length: > 0 } header ? header : null;
    }
}
