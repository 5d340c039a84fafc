using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Settings;

// The AppHost's first resource: brings the database to the schema (tables, views, catalogs, docs table, roles)
// with the one migrator, then exits; ingest, docs and mcp start once it has completed. Exit code 1 (with one
// line saying why) stops them from starting on a database without its schema.
var builder = Host.CreateApplicationBuilder(args);
// Telemetry only: a process that exits when done serves no health endpoint.
builder.ConfigureOpenTelemetry();
var target = PerfAspire.ServiceDefaults.Database.DatabaseTarget.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(target.ConnectionString));
builder.Services.AddDatabaseSettings(builder.Configuration);
using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"perfaspire-migrate: {e.Message}");
    return 2;
}

var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PerfAspire.Migration");
var settings = host.Services.GetRequiredService<IOptions<DatabaseSettings>>().Value;
var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
var exitCode = 0;
try
{
    var result = await SchemaMigrator.MigrateAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), settings, new MigrationOptions(Logger: logger), lifetime.ApplicationStopping);
    foreach (var note in result.Notes) logger.LogInformation("{Note}", note);
}
catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
{
    var detail = e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message;
    logger.LogError("schema migration of {Schema} failed: {Detail}", settings.Schema, detail);
    Console.Error.WriteLine($"perfaspire-migrate: the schema {settings.Schema} could not be migrated ({detail}). The services were not started; fix the database and run again.");
    exitCode = 1;
}
await host.StopAsync();
return exitCode;
