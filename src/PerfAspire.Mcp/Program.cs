using PerfAspire.Mcp;
using PerfAspire.Mcp.Security;
using PerfAspire.ServiceDefaults.Database;

try
{
    return args.Contains("--stdio") ? await RunStdioAsync(args) : await RunHttpAsync(args);
}
catch (Exception e) when (e is McpConfigurationException or DatabaseSettingsException or Microsoft.Extensions.Options.OptionsValidationException or PerfAspire.ServiceDefaults.Security.AccessConfigurationException)
{
    Console.Error.WriteLine($"perfaspire-mcp: {e.Message}");
    return 2;
}

static async Task<int> RunStdioAsync(string[] args)
{
    // stdout carries the protocol, so every log line goes to stderr.
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    // A client keeps stderr as the server's log: Npgsql's line per SQL statement would bury the lines that matter.
    // Inserted first, so Logging:LogLevel:Npgsql from any other source still wins.
    builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
    {
        InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Npgsql"] = "Warning" },
    });
    builder.AddServiceDefaults();
    builder.AddPerfAspireMcpServices();
    builder.AddMcpServices().WithStdioServerTransport();
    await builder.Build().RunAsync();
    return 0;
}

static async Task<int> RunHttpAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    var access = HttpAccessPolicy.Configure(builder.WebHost, builder.Configuration);
    builder.AddServiceDefaults();
    builder.AddPerfAspireMcpServices();
    builder.AddMcpServices().WithPerfAspireHttpTransport();

    var app = builder.Build();
    app.UseHttpAccessPolicy(access);
    app.MapDefaultEndpoints();
    app.MapMcp("/mcp");
    await app.RunAsync();
    return 0;
}
