namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// Vectors shipped inside the assembly (resource <c>embeddings.seed.bin</c>, generated from
/// <c>src/PerfAspire.Docs/Corpus/embeddings.seed.bin</c> by <c>bench -- docs --export-seed</c>), so even the
/// first start on a fresh machine, with an empty database, is ready in seconds. Read-only, the last store
/// consulted: passages changed since the seed was exported are embedded at start and kept in the other stores.
/// </summary>
public sealed class SeedEmbeddingStore : IEmbeddingStore
{
    public const string ResourceName = "embeddings.seed.bin";

    public string Description => "shipped seed";

    public Task<IReadOnlyDictionary<string, CachedEmbedding>> LoadAsync(string modelId, CancellationToken cancellationToken)
    {
        using var stream = typeof(SeedEmbeddingStore).Assembly.GetManifestResourceStream(ResourceName);
        IReadOnlyDictionary<string, CachedEmbedding> result = stream is null
            ? new Dictionary<string, CachedEmbedding>()
            : FileEmbeddingStore.Read(stream).GetValueOrDefault(modelId) ?? new Dictionary<string, CachedEmbedding>();
        return Task.FromResult(result);
    }

    /// <summary>The seed only changes when it is exported again.</summary>
    public Task SaveAsync(string modelId, IReadOnlyList<(string UnitId, CachedEmbedding Embedding)> changed,
        IReadOnlyCollection<string> liveUnitIds, CancellationToken cancellationToken) => Task.CompletedTask;
}
