using Npgsql;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Where ingestion meets the schema code: the migrator (startup: schema, tables, catalogs, lifecycle tables) and the
/// auto-updater (columns and tables met during a load, created before rows that use them are written).
/// </summary>
internal static class SchemaHooks
{
    /// <summary>Runs the one migrator, unless the AppHost's migrator resource already has (SCHEMA_MIGRATE_ON_START=false).</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IngestSettings settings, CancellationToken ct)
    {
        if (settings.Database.MigrateOnStart) await SchemaMigrator.MigrateAsync(dataSource, settings.Database, ct);
    }

    public static ITableEnsurer Ensurer(NpgsqlDataSource dataSource, IngestSettings settings) =>
        new AutoUpdaterEnsurer(new SchemaAutoUpdater(dataSource, settings.Database));

    sealed class AutoUpdaterEnsurer(SchemaAutoUpdater updater) : ITableEnsurer
    {
        public async Task EnsureAsync(TableLayout layout, CancellationToken ct)
        {
            var result = await updater.EnsureAsync(layout, ct);
            if (!result.Ready)
            {
                throw new IngestException(IngestErrors.IngestFailed,
                    $"ingest_failed: {layout.Table} lacks {string.Join(", ", result.Missing)} and SCHEMA_AUTO_UPDATE is off", 500);
            }
        }
    }
}
