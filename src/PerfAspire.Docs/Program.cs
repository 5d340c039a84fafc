using PerfAspire.Docs;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDocsServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDocsApi();
app.Run();
