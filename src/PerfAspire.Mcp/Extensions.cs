using System.Reflection;
using ModelContextProtocol.Protocol;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp;

/// <summary>
/// Services shared by both transports (Streamable HTTP and stdio). Tools are discovered from this assembly:
/// add a class marked [McpServerToolType] under Tools/ (the old backend's tools under Legacy/) and it is served.
/// </summary>
public static class Extensions
{
    public const string ServerName = "perfaspire";

    public static string ServerVersion { get; } =
        typeof(Extensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Extensions).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    public static IMcpServerBuilder AddMcpServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        return builder.Services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = ServerName, Title = "PerfAspire", Version = ServerVersion };
                o.ServerInstructions =
                    "PerfAspire serves ptop performance data from appliance support bundles stored in TimescaleDB. " +
                    "Call system_health first when something fails.";
            })
            .WithToolsFromAssembly(typeof(Extensions).Assembly)
            .WithPromptsFromAssembly(typeof(Extensions).Assembly)
            .WithToolContract()
            .WithCallDeadline();
    }
}
