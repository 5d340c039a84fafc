using PerfAspire.Mcp;
using PerfAspire.Mcp.Security;

if (args.Contains("--stdio"))
{
    // stdout carries the protocol, so every log line goes to stderr.
    var stdio = Host.CreateApplicationBuilder(args);
    stdio.Logging.ClearProviders();
    stdio.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    stdio.AddServiceDefaults();
    stdio.AddPerfAspireMcpServices();
    stdio.AddMcpServices().WithStdioServerTransport();
    await stdio.Build().RunAsync();
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
HttpAccessPolicy access;
try
{
    access = HttpAccessPolicy.Configure(builder.WebHost, builder.Configuration);
}
catch (McpConfigurationException e)
{
    Console.Error.WriteLine($"perfaspire-mcp: {e.Message}");
    return 2;
}
builder.AddServiceDefaults();
builder.AddPerfAspireMcpServices();
builder.AddMcpServices().WithHttpTransport();

var app = builder.Build();
app.UseHttpAccessPolicy(access);
app.MapDefaultEndpoints();
app.MapMcp("/mcp");
await app.RunAsync();
return 0;
