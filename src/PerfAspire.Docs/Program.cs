using PerfAspire.Docs;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddServiceDefaults();
    builder.AddDocsServices();
    var app = builder.Build();
    app.MapDefaultEndpoints();
    app.MapDocsApi();
    app.Run();
    return 0;
}
catch (Exception e) when (e is PerfAspire.ServiceDefaults.Security.AccessConfigurationException
                              or PerfAspire.ServiceDefaults.Database.DatabaseSettingsException
                              or Microsoft.Extensions.Options.OptionsValidationException)
{
    Console.Error.WriteLine($"perfaspire-docs: {e.Message}");
    return 2;
}
