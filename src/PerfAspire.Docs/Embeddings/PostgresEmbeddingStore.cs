using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Query;

namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// The vector cache in PostgreSQL: table <c>doc_embeddings</c> of the schema (<c>real[]</c> vector, content hash,
/// model id), declared with every other table by the Schema project. The store owns no DDL: under the AppHost the
/// migrator resource has created it before the service starts; run on its own (<see cref="DatabaseSettings.MigrateOnStart"/>)
/// the store runs the same migration once before its first use.
/// </summary>
public sealed class PostgresEmbeddingStore(NpgsqlDataSource dataSource, DatabaseSettings settings) : IEmbeddingStore
{
    readonly SemaphoreSlim _migrate = new(1, 1);
    bool _ensured;

    public string Description => $"postgres {settings.Schema}.doc_embeddings";

    async Task EnsureTableAsync(CancellationToken ct)
    {
        if (_ensured || !settings.MigrateOnStart) return;
        await _migrate.WaitAsync(ct);
        try
        {
            if (!_ensured) await SchemaMigrator.MigrateAsync(dataSource, settings, ct);
            _ensured = true;
        }
        finally
        {
            _migrate.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, CachedEmbedding>> LoadAsync(string modelId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        var result = new Dictionary<string, CachedEmbedding>(StringComparer.Ordinal);
        await using var cmd = EmbeddingSql.Load(settings.Schema, modelId).Command(conn);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = new CachedEmbedding(reader.GetString(1), reader.GetFieldValue<float[]>(2));
        }
        return result;
    }

    public async Task SaveAsync(string modelId, IReadOnlyList<(string UnitId, CachedEmbedding Embedding)> changed,
        IReadOnlyCollection<string> liveUnitIds, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await conn.BeginTransactionAsync(cancellationToken);
        if (changed.Count > 0)
        {
            var ids = changed.Select(c => c.UnitId).ToArray();
            var hashes = changed.Select(c => c.Embedding.ContentHash).ToArray();
            var dims = changed[0].Embedding.Vector.Length;
            if (changed.Any(c => c.Embedding.Vector.Length != dims)) throw new ArgumentException("All vectors must have the same length.", nameof(changed));
            var flat = new float[changed.Count * dims];
            for (var r = 0; r < changed.Count; r++) changed[r].Embedding.Vector.CopyTo(flat, r * dims);
            await using var cmd = EmbeddingSql.Upsert(settings.Schema, modelId, ids, hashes, flat, dims).Command(conn, tx);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var prune = EmbeddingSql.Prune(settings.Schema, modelId, liveUnitIds.ToArray()).Command(conn, tx))
        {
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }
}
