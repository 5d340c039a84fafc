using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PerfAspire.Docs.Embeddings;

/// <summary>What a sync did: vectors per unit (same order as the units), and how many came from a cache.</summary>
public sealed record EmbeddingSyncResult(float[][] Vectors, int FromCache, int Embedded, string Store, IReadOnlyList<string> Warnings, TimeSpan Elapsed);

/// <summary>
/// Brings the vectors of the corpus up to date: reuse cached vectors whose content hash still matches,
/// embed the rest (only changed or new passages), write them back. Stores are tried in order (the database,
/// then a local file): a passage found in any of them is not embedded again, and each usable store is then
/// brought up to date. A cache that cannot be read or written costs time, never availability: the service
/// then works from vectors computed in memory.
/// </summary>
public sealed class EmbeddingSync(IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<IEmbeddingStore> stores, ILogger logger)
{
    const int BatchSize = 32;

    public EmbeddingSync(IEmbeddingGenerator<string, Embedding<float>> generator, IEmbeddingStore? store, ILogger logger)
        : this(generator, store is null ? [] : [store], logger)
    {
    }

    public async Task<EmbeddingSyncResult> SyncAsync(IReadOnlyList<EmbeddingUnit> units, string modelId, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var warnings = new List<string>();
        var loaded = new List<(IEmbeddingStore Store, IReadOnlyDictionary<string, CachedEmbedding> Cached)>();
        foreach (var store in stores)
        {
            try
            {
                loaded.Add((store, await store.LoadAsync(modelId, cancellationToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                warnings.Add("embedding_cache_unavailable");
                logger.LogWarning("Embedding cache ({Store}) unavailable: {Message}. Search works; vectors it lacks are computed in memory.", store.Description, e.Message);
            }
        }

        var vectors = new float[units.Count][];
        var missing = new List<int>();
        for (var i = 0; i < units.Count; i++)
        {
            foreach (var (_, cached) in loaded)
            {
                if (cached.TryGetValue(units[i].UnitId, out var c) && c.ContentHash == units[i].ContentHash && c.Vector.Length > 0)
                {
                    vectors[i] = c.Vector;
                    break;
                }
            }
            if (vectors[i] is null) missing.Add(i);
        }

        // Similar lengths in one batch waste less padding.
        missing.Sort((a, b) => units[a].Text.Length.CompareTo(units[b].Text.Length));
        for (var start = 0; start < missing.Count; start += BatchSize)
        {
            var batch = missing.Skip(start).Take(BatchSize).ToArray();
            var embeddings = await generator.GenerateAsync(batch.Select(i => units[i].Text), null, cancellationToken);
            for (var k = 0; k < batch.Length; k++) vectors[batch[k]] = Normalise(embeddings[k].Vector.ToArray());
        }

        var liveIds = units.Select(u => u.UnitId).ToHashSet(StringComparer.Ordinal);
        foreach (var (store, cached) in loaded)
        {
            // What this store lacks or holds stale, and whether it keeps vectors of passages that are gone.
            var changed = new List<(string, CachedEmbedding)>();
            for (var i = 0; i < units.Count; i++)
            {
                if (!cached.TryGetValue(units[i].UnitId, out var c) || c.ContentHash != units[i].ContentHash)
                {
                    changed.Add((units[i].UnitId, new CachedEmbedding(units[i].ContentHash, vectors[i])));
                }
            }
            if (changed.Count == 0 && cached.Keys.All(liveIds.Contains)) continue;
            try
            {
                await store.SaveAsync(modelId, changed, liveIds, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                warnings.Add("embedding_cache_write_failed");
                logger.LogWarning("Could not write {Count} vectors to the embedding cache ({Store}): {Message}.", changed.Count, store.Description, e.Message);
            }
        }

        var description = stores.Count == 0 ? "none" : string.Join(" + ", stores.Select(s => s.Description));
        logger.LogInformation("Embeddings ready: {Total} passages, {Cached} from {Store}, {Embedded} computed in {Elapsed} ms.",
            units.Count, units.Count - missing.Count, description, missing.Count, sw.ElapsedMilliseconds);
        return new EmbeddingSyncResult(vectors, units.Count - missing.Count, missing.Count, description, warnings.Distinct().ToList(), sw.Elapsed);
    }

    /// <summary>Unit length, so cosine similarity is a dot product (MiniLM's output already is; other generators may not be).</summary>
    public static float[] Normalise(float[] v)
    {
        var sum = 0.0;
        foreach (var x in v) sum += x * x;
        if (sum <= 0 || Math.Abs(sum - 1) < 1e-6) return v;
        var inv = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++) v[i] *= inv;
        return v;
    }
}
