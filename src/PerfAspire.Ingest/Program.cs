using PerfAspire.Ingest;
using PerfAspire.Ingest.Cli;

// The same executable is the ingest service and the CLI (perfaspire-ingest load|list|unload|purge|generate ...).
if (args is ["generate", ..]) return await PerfAspire.Ingest.Generation.GenerateCommand.RunAsync(args[1..]);
if (IngestCli.Handles(args)) return await IngestCli.RunAsync(args);

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddIngestServices();
    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapIngestApi();
    app.Run();
    return 0;
}
catch (Exception e) when (e is PerfAspire.ServiceDefaults.Security.AccessConfigurationException
                              or PerfAspire.ServiceDefaults.Database.DatabaseSettingsException
                              or Microsoft.Extensions.Options.OptionsValidationException)
{
    Console.Error.WriteLine($"perfaspire-ingest: {e.Message}");
    return 2;
}
