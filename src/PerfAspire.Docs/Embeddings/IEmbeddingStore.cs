namespace PerfAspire.Docs.Embeddings;

/// <summary>Where computed vectors are kept between runs, keyed by (unit id, model id).</summary>
public interface IEmbeddingStore
{
    /// <summary>Human-readable, for logs: "postgres perf.doc_embeddings", "file /tmp/x.bin".</summary>
    string Description { get; }

    Task<IReadOnlyDictionary<string, CachedEmbedding>> LoadAsync(string modelId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="changed"/> and forgets this model's vectors whose unit id is not in <paramref name="liveUnitIds"/>.</summary>
    Task SaveAsync(string modelId, IReadOnlyList<(string UnitId, CachedEmbedding Embedding)> changed,
        IReadOnlyCollection<string> liveUnitIds, CancellationToken cancellationToken);
}
