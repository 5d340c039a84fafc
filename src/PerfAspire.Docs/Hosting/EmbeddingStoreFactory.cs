using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Schema;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// The vector caches, most authoritative first: the PostgreSQL table when a database is configured (shared by
/// every replica), then a local file — <c>Docs:EmbeddingCacheFile</c>, by default
/// <c>$XDG_CACHE_HOME</c> (or <c>~/.cache</c>) + <c>/perfaspire/docs-embeddings.bin</c>; <c>none</c> turns it off. The file matters in
/// local mode, where the AppHost gives PostgreSQL a throw-away data directory: without it every start would
/// embed the whole corpus again. Last, read-only, the vectors shipped in the assembly (<see cref="SeedEmbeddingStore"/>).
/// </summary>
public sealed class EmbeddingStoreFactory(IServiceProvider services, IOptions<EmbeddingCacheSettings> cache, IOptions<DatabaseSettings> database, ILogger<EmbeddingStoreFactory> logger)
{
    public IReadOnlyList<IEmbeddingStore> Create()
    {
        var stores = new List<IEmbeddingStore>();
        var dataSource = services.GetService<NpgsqlDataSource>();
        if (dataSource is not null)
        {
            stores.Add(new PostgresEmbeddingStore(dataSource, database.Value));
        }
        var file = cache.Value.EmbeddingCacheFile ?? DefaultFile();
        if (!string.Equals(file, "none", StringComparison.OrdinalIgnoreCase) && file is not null) stores.Add(new FileEmbeddingStore(file));
        if (stores.Count == 0)
        {
            logger.LogWarning("No database and no cache file: docs embeddings not in the shipped seed are computed in memory at every start.");
        }
        if (cache.Value.UseShippedEmbeddings) stores.Add(new SeedEmbeddingStore());
        return stores;
    }

    static string? DefaultFile()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        // The desktop convention for caches, not a PerfAspire setting (Docs:EmbeddingCacheFile is that).
        var baseDir = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
        return baseDir is null ? null : Path.Combine(baseDir, "perfaspire", "docs-embeddings.bin");
    }
}

/// <summary>Where the docs service keeps document vectors (configuration section <c>Docs</c>), checked when the host starts.</summary>
public sealed record EmbeddingCacheSettings
{
    public const string Section = "Docs";

    /// <summary><c>Docs:EmbeddingCacheFile</c>: the local cache file; <c>none</c> turns it off; unset: the default under the cache directory.</summary>
    public string? EmbeddingCacheFile { get; init; }

    /// <summary><c>Docs:UseShippedEmbeddings</c>: false ignores the vectors shipped in the assembly (benchmarks of the caches use it).</summary>
    public bool UseShippedEmbeddings { get; init; } = true;
}
