using Npgsql;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Where ingestion meets the schema engineer's code: the migrator (startup) and the auto-updater (new columns and
/// tables met during a load).
/// </summary>
internal static class SchemaHooks
{
    public static Task MigrateAsync(NpgsqlDataSource dataSource, IngestSettings settings, CancellationToken ct)
    {
        // TODO(merge): SchemaMigrator.MigrateAsync(dataSource, settings.Database, ct) once the schema branch lands.
        _ = dataSource;
        _ = settings;
        _ = ct;
        return Task.CompletedTask;
    }

    public static ITableEnsurer Ensurer(NpgsqlDataSource dataSource, IngestSettings settings) => new PendingEnsurer();

    sealed class PendingEnsurer : ITableEnsurer
    {
        public Task EnsureAsync(TableLayout layout, CancellationToken ct) =>
            throw new InvalidOperationException($"schema auto-update is not wired yet (table {layout.Table})");
    }
}
