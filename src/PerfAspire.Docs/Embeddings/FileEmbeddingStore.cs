using System.Text;

namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// A vector cache in one local file, for runs without a database (tests, benchmarks, a developer laptop;
/// setting <c>Docs:EmbeddingCacheFile</c>). Written whole to a temporary file and moved into place, so a
/// crash never leaves a half-written cache; an unreadable file is treated as empty.
/// </summary>
public sealed class FileEmbeddingStore(string path) : IEmbeddingStore
{
    const int Magic = 0x50414445; // "PADE"
    const int Version = 1;
    readonly SemaphoreSlim _gate = new(1, 1);

    public string Description => "file " + path;

    public async Task<IReadOnlyDictionary<string, CachedEmbedding>> LoadAsync(string modelId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return ReadAll().GetValueOrDefault(modelId) ?? new Dictionary<string, CachedEmbedding>(StringComparer.Ordinal);
        }
        finally { _gate.Release(); }
    }

    public async Task SaveAsync(string modelId, IReadOnlyList<(string UnitId, CachedEmbedding Embedding)> changed,
        IReadOnlyCollection<string> liveUnitIds, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var all = ReadAll();
            var live = liveUnitIds.ToHashSet(StringComparer.Ordinal);
            var mine = all.GetValueOrDefault(modelId) ?? new Dictionary<string, CachedEmbedding>(StringComparer.Ordinal);
            foreach (var id in mine.Keys.Where(k => !live.Contains(k)).ToList()) mine.Remove(id);
            foreach (var (id, e) in changed) mine[id] = e;
            all[modelId] = mine;
            Write(all);
        }
        finally { _gate.Release(); }
    }

    Dictionary<string, Dictionary<string, CachedEmbedding>> ReadAll()
    {
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream);
        }
        catch (IOException)
        {
            // Unreadable right now (another process replacing it): a cache miss, not an error.
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Reads the cache format; a truncated or foreign stream reads as empty (everything is recomputed).</summary>
    public static Dictionary<string, Dictionary<string, CachedEmbedding>> Read(Stream stream)
    {
        var all = new Dictionary<string, Dictionary<string, CachedEmbedding>>(StringComparer.Ordinal);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version) return all;
            var models = reader.ReadInt32();
            for (var m = 0; m < models; m++)
            {
                var model = reader.ReadString();
                var count = reader.ReadInt32();
                var entries = new Dictionary<string, CachedEmbedding>(count, StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    var id = reader.ReadString();
                    var hash = reader.ReadString();
                    var v = new float[reader.ReadInt32()];
                    for (var k = 0; k < v.Length; k++) v[k] = reader.ReadSingle();
                    entries[id] = new CachedEmbedding(hash, v);
                }
                all[model] = entries;
            }
            return all;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException or OverflowException or OutOfMemoryException or ArgumentException)
        {
            return new Dictionary<string, Dictionary<string, CachedEmbedding>>(StringComparer.Ordinal);
        }
    }

    public static void Write(Stream stream, Dictionary<string, Dictionary<string, CachedEmbedding>> all)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(all.Count);
        foreach (var (model, entries) in all.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(model);
            writer.Write(entries.Count);
            // Sorted, so the same vectors always give the same bytes (the shipped seed file diffs cleanly).
            foreach (var (id, e) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.Write(id);
                writer.Write(e.ContentHash);
                writer.Write(e.Vector.Length);
                foreach (var f in e.Vector) writer.Write(f);
            }
        }
    }

    void Write(Dictionary<string, Dictionary<string, CachedEmbedding>> all)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var tmp = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var stream = File.Create(tmp)) Write(stream, all);
        File.Move(tmp, path, overwrite: true);
    }
}
