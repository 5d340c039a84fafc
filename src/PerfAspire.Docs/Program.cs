using PerfAspire.Docs;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDocsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
try
{
    app.MapDocsApi();
}
catch (PerfAspire.ServiceDefaults.Security.AccessConfigurationException e)
{
    Console.Error.WriteLine($"perfaspire-docs: {e.Message}");
    return 2;
}
app.Run();
return 0;
