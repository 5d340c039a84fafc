if (args is ["generate", ..]) { Environment.ExitCode = await PerfAspire.Ingest.Generation.GenerateCommand.RunAsync(args[1..]); return; }
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "PerfAspire.Ingest");
app.Run();
