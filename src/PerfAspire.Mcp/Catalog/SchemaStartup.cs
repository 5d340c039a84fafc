using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;

namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// Runs the schema migration when the MCP server starts (whichever service comes first migrates;
/// the migrator is idempotent and serialised by an advisory lock), in the background so the endpoint is up at
/// once. Until it has run, tools answer schema_missing / serve the compiled spec. Off with <c>Mcp:MigrateOnStartup=false</c>.
/// </summary>
public sealed class SchemaStartup(NpgsqlDataSource dataSource, MetricCatalog catalog, IConfiguration configuration, ILogger<SchemaStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (configuration.GetValue("Mcp:MigrateOnStartup", true) == false) return;
        var settings = DatabaseSettings.FromEnvironment(k => Environment.GetEnvironmentVariable(k) ?? configuration[k]);
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var result = await SchemaMigrator.MigrateAsync(dataSource, settings, new MigrationOptions(Logger: logger), stoppingToken);
                logger.LogInformation("Schema {Schema} version {Version} ready ({Action}).", settings.Schema, result.SchemaVersion, result.Applied ? "migrated" : "already current");
                catalog.Invalidate();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && attempt < 8)
            {
                // The database may still be starting (Aspire starts services as soon as it is healthy, managed ones may lag).
                logger.LogWarning("Schema migration attempt {Attempt} failed ({Message}); retrying in {Delay}.", attempt, e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogError(e, "Schema migration failed; tools report schema_missing until another service migrates.");
                return;
            }
        }
    }
}
