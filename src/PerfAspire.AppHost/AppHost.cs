using PerfAspire.AppHost;
using PerfAspire.AppHost.Database;

// Topology only: the "timescale" database in the chosen mode, and the three services that reference it.
var builder = DistributedApplication.CreateBuilder(args);

DatabaseModeSelection selection;
IResourceBuilder<IResourceWithConnectionString> db;
try
{
    selection = DatabaseModeSelection.Select(builder.Configuration[DatabaseModeSelection.ConfigKey], () => DockerEngine.IsAvailable());
    Console.WriteLine($"PerfAspire: database mode {selection.Name} ({selection.Reason})");
    db = builder.AddTimescale(selection);
}
catch (DatabaseConfigurationException e)
{
    Console.Error.WriteLine($"PerfAspire: {e.Message}");
    return 1;
}

// External databases are checked at start-up above; only orchestrated ones are waited for.
var waitForDb = selection.Mode != DatabaseMode.External;

var ingest = builder.AddProject<Projects.PerfAspire_Ingest>("ingest")
    .WithReference(db)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health");
var docs = builder.AddProject<Projects.PerfAspire_Docs>("docs")
    .WithReference(db)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health");
var mcp = builder.AddProject<Projects.PerfAspire_Mcp>("mcp")
    .WithReference(db)
    .WithReference(ingest)
    .WithReference(docs)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health")
    .WithUrlForEndpoint("http", u =>
    {
        u.Url = u.Url.TrimEnd('/') + "/mcp";
        u.DisplayText = "MCP (Streamable HTTP)";
    });

if (waitForDb)
{
    // A database that fails to start must stop the services, not leave them waiting forever.
    ingest.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
    docs.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
    mcp.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
}

// Resources with a health check; a connection string of external mode has none.
IResource[] watched = waitForDb ? [db.Resource, ingest.Resource, docs.Resource, mcp.Resource] : [ingest.Resource, docs.Resource, mcp.Resource];
builder.AnnounceWhenReady(mcp, selection.Name, watched);

builder.Build().Run();
return 0;
