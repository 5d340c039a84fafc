using PerfAspire.Ingest;
using PerfAspire.Ingest.Cli;

// The same executable is the ingest service and the CLI (perfaspire-ingest load|list|unload|purge|generate ...).
if (args is ["generate", ..]) return await PerfAspire.Ingest.Generation.GenerateCommand.RunAsync(args[1..]);
if (IngestCli.Handles(args)) return await IngestCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
try
{
    app.MapIngestApi();
}
catch (PerfAspire.ServiceDefaults.Security.AccessConfigurationException e)
{
    Console.Error.WriteLine($"perfaspire-ingest: {e.Message}");
    return 2;
}
app.Run();
return 0;
