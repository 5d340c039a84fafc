using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;

namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// Runs the one schema migration when the MCP server runs on its own (stdio with only a DSN, external
/// databases): under the AppHost the migrator resource has run it before this service starts
/// (SCHEMA_MIGRATE_ON_START=false). Idempotent and serialised by an advisory lock; in the background so the
/// endpoint is up at once. Until it has run, tools answer schema_missing / serve the compiled spec.
/// </summary>
public sealed class SchemaStartup(NpgsqlDataSource dataSource, MetricCatalog catalog, IOptions<DatabaseSettings> options, ILogger<SchemaStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.MigrateOnStart) return;
        // The database may still be starting (Aspire starts services as soon as it is healthy, managed ones may lag):
        // 7 retries, 1 s doubling up to 30 s.
        var retry = DatabaseRetry.Pipeline(7, TimeSpan.FromSeconds(1), e => e is NpgsqlException or TimeoutException,
            (e, attempt) => logger.LogWarning("Schema migration attempt {Attempt} failed ({Message}); retrying.", attempt, e.Message),
            maxDelay: TimeSpan.FromSeconds(30));
        try
        {
            var result = await retry.ExecuteAsync(
                async token => await SchemaMigrator.MigrateAsync(dataSource, settings, new MigrationOptions(Logger: logger), token), stoppingToken);
            logger.LogInformation("Schema {Schema} version {Version} ready ({Action}).", settings.Schema, result.SchemaVersion, result.Applied ? "migrated" : "already current");
            catalog.Invalidate();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // A database that does not answer is a state the tools report (system_health names the cause), not a bug.
            logger.LogError("Schema migration failed ({Cause}); tools report schema_missing until another service migrates.", PerfAspire.Schema.FailureCause.Describe(e));
        }
    }
}
