using PerfAspire.Docs;

var builder = WebApplication.CreateBuilder(args);
builder.AddDocsServices();

var app = builder.Build();
app.MapDocsApi();
app.Run();
