using Npgsql;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Schema;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// Chooses the vector cache: <c>Docs:EmbeddingCacheFile</c> when set (no database needed), else the
/// PostgreSQL table when a database is configured, else none (vectors computed in memory at every start,
/// with a warning).
/// </summary>
public sealed class EmbeddingStoreFactory(IServiceProvider services, IConfiguration configuration, ILogger<EmbeddingStoreFactory> logger)
{
    public IEmbeddingStore? Create()
    {
        var file = configuration["Docs:EmbeddingCacheFile"];
        if (!string.IsNullOrWhiteSpace(file)) return new FileEmbeddingStore(file);

        var dataSource = services.GetService<NpgsqlDataSource>() ?? DataSourceFromConfiguration();
        if (dataSource is null)
        {
            logger.LogWarning("No database configured (ConnectionStrings:timescale / TIMESCALE_DSN): docs embeddings are computed in memory at every start.");
            return null;
        }
        return new PostgresEmbeddingStore(dataSource, DatabaseSettings.FromEnvironment(k => Environment.GetEnvironmentVariable(k) ?? configuration[k]).Schema);
    }

    NpgsqlDataSource? DataSourceFromConfiguration()
    {
        var cs = configuration.GetConnectionString("timescale") ?? configuration["TIMESCALE_DSN"];
        if (string.IsNullOrWhiteSpace(cs)) return null;
        try
        {
            return NpgsqlDataSource.Create(PerfAspire.ServiceDefaults.Database.ConnectionStrings.Normalize(cs));
        }
        catch (ArgumentException e)
        {
            logger.LogWarning("The database connection string is not valid ({Message}); docs embeddings are computed in memory.", e.Message);
            return null;
        }
    }
}
