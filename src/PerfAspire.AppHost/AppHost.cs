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
catch (Exception e) when (e is DatabaseConfigurationException or PerfAspire.LocalPostgres.LocalPostgresException)
{
    Console.Error.WriteLine($"PerfAspire: {e.Message}");
    return 1;
}

// External databases are checked at start-up above; only orchestrated ones are waited for.
var waitForDb = selection.Mode != DatabaseMode.External;

// The key the MCP server sends to ingest and docs: generated per run, never shown outside the dashboard's secrets,
// so no web page or other local program can drive those APIs.
var internalKey = builder.AddParameter("internal-api-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
// Passed through to the services as given: they read and check it (Bundles:Roots) when they start.
var bundleRoots = builder.Configuration["BUNDLE_ROOTS"];

// The schema has one owner: this resource runs the migration (tables, views, catalogs, the docs table, roles) and
// exits; the services wait for it to complete and do not migrate themselves.
var migrator = builder.AddProject<Projects.PerfAspire_MigrationService>("migrator")
    .WithReference(db)
    .WithEnvironment("DATABASE_MODE", selection.Name);
const string migrateOnStart = PerfAspire.Schema.DatabaseSettings.MigrateOnStartSetting;

var ingest = builder.AddProject<Projects.PerfAspire_Ingest>("ingest")
    .WithReference(db)
    .WaitForCompletion(migrator)
    .WithEnvironment(migrateOnStart, "false")
    .WithEnvironment(PerfAspire.ServiceDefaults.Security.InternalApiAccess.ApiKeySetting, internalKey)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health");
var docs = builder.AddProject<Projects.PerfAspire_Docs>("docs")
    .WithReference(db)
    .WaitForCompletion(migrator)
    .WithEnvironment(migrateOnStart, "false")
    .WithEnvironment(PerfAspire.ServiceDefaults.Security.InternalApiAccess.ApiKeySetting, internalKey)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health");
var mcp = builder.AddProject<Projects.PerfAspire_Mcp>("mcp")
    .WithReference(db)
    .WaitForCompletion(migrator)
    .WithEnvironment(migrateOnStart, "false")
    .WithReference(ingest)
    .WithReference(docs)
    .WithEnvironment(PerfAspire.ServiceDefaults.Security.InternalApiAccess.ApiKeySetting, internalKey)
    .WithEnvironment("DATABASE_MODE", selection.Name)
    .WithHttpHealthCheck("/health")
    .WithUrlForEndpoint("http", u =>
    {
        u.Url = u.Url.TrimEnd('/') + "/mcp";
        u.DisplayText = "MCP (Streamable HTTP)";
    });

if (!string.IsNullOrWhiteSpace(bundleRoots))
{
    // The same roots bind both: the MCP server refuses an exposed bind without them, ingest confines loads to them.
    ingest.WithEnvironment("BUNDLE_ROOTS", bundleRoots);
    mcp.WithEnvironment("BUNDLE_ROOTS", bundleRoots);
}

if (waitForDb)
{
    // A database that fails to start must stop the services, not leave them waiting forever.
    migrator.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
    ingest.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
    docs.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
    mcp.WaitFor(db, WaitBehavior.StopOnResourceUnavailable);
}

// Resources with a health check; a connection string of external mode has none.
IResource[] watched = waitForDb ? [db.Resource, ingest.Resource, docs.Resource, mcp.Resource] : [ingest.Resource, docs.Resource, mcp.Resource];
builder.AnnounceWhenReady(mcp, selection.Name, watched);

try
{
    builder.Build().Run();
}
catch (OperationCanceledException) when (Environment.ExitCode == 1)
{
    // Local mode's monitor stopped the start after printing why PostgreSQL refused to start.
}
// The monitor sets 1 when PostgreSQL refused to start.
return Environment.ExitCode;
