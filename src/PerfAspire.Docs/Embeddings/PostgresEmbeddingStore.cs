using Npgsql;
using NpgsqlTypes;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;

namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// The vector cache in PostgreSQL: table <c>doc_embeddings</c> of the schema (<c>real[]</c> vector, content hash,
/// model id), declared with every other table by the Schema project. The store owns no DDL: under the AppHost the
/// migrator resource has created it before the service starts; run on its own (<see cref="DatabaseSettings.MigrateOnStart"/>)
/// the store runs the same migration once before its first use.
/// </summary>
public sealed class PostgresEmbeddingStore(NpgsqlDataSource dataSource, DatabaseSettings settings) : IEmbeddingStore
{
    readonly string _schema = Quote(settings.Schema);
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
        await using var cmd = new NpgsqlCommand($"SELECT doc_id, content_hash, embedding FROM {_schema}.doc_embeddings WHERE model_id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = modelId });
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
            // One statement for all rows: the vectors travel as one flat real[] and are sliced back per row.
            var ids = changed.Select(c => c.UnitId).ToArray();
            var hashes = changed.Select(c => c.Embedding.ContentHash).ToArray();
            var dims = changed[0].Embedding.Vector.Length;
            if (changed.Any(c => c.Embedding.Vector.Length != dims)) throw new ArgumentException("All vectors must have the same length.", nameof(changed));
            var flat = new float[changed.Count * dims];
            for (var r = 0; r < changed.Count; r++) changed[r].Embedding.Vector.CopyTo(flat, r * dims);
            var sql = $"""
                INSERT INTO {_schema}.doc_embeddings (doc_id, model_id, content_hash, embedding, updated_at)
                SELECT u.id, $1, u.hash, ($4::real[])[((u.ord - 1) * $5 + 1)::int:(u.ord * $5)::int], now()
                FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(id, hash, ord)
                ON CONFLICT (doc_id, model_id) DO UPDATE
                SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at
                """;
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = modelId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = hashes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = flat, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Real });
            cmd.Parameters.Add(new NpgsqlParameter { Value = dims });
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var prune = new NpgsqlCommand($"DELETE FROM {_schema}.doc_embeddings WHERE model_id = $1 AND NOT (doc_id = ANY($2))", conn, tx))
        {
            prune.Parameters.Add(new NpgsqlParameter { Value = modelId });
            prune.Parameters.Add(new NpgsqlParameter { Value = liveUnitIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
