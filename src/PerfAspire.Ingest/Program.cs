using PerfAspire.Ingest;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestApi();
app.Run();
