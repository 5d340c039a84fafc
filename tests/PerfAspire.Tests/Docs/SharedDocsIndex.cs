using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Docs.Search;

namespace PerfAspire.Tests.Docs;

/// <summary>
/// One MiniLM model and one index of the real corpus for every docs test of the run: loading the model and
/// embedding the corpus are the slow parts (seconds to a minute on 2 shared cores), so they happen once.
/// Vectors are cached in a file under the temp directory, so later runs only embed what changed.
/// </summary>
public static class SharedDocsIndex
{
    static readonly Lazy<MiniLmEmbeddingGenerator> LazyGenerator = new(() => new MiniLmEmbeddingGenerator());
    static readonly Lazy<Task<DocsIndex>> LazyIndex = new(BuildAsync);

    public static string CacheFile { get; } = Path.Combine(Path.GetTempPath(), "perfaspire-docs-tests", "embeddings.bin");

    public static MiniLmEmbeddingGenerator Generator => LazyGenerator.Value;

    public static Task<DocsIndex> IndexAsync() => LazyIndex.Value;

    public static async Task<DocsQueries> QueriesAsync(SearchSettings? settings = null) => new(await IndexAsync(), settings ?? new SearchSettings());

    static async Task<DocsIndex> BuildAsync()
    {
        var sw = Stopwatch.StartNew();
        var index = await DocsIndex.BuildAsync(DocCorpus.CreateDefault(), Generator, new FileEmbeddingStore(CacheFile),
            MiniLmEmbeddingGenerator.ModelId, NullLogger.Instance, CancellationToken.None);
        Console.WriteLine($"[docs tests] index built in {sw.ElapsedMilliseconds} ms: {index.Sync.FromCache} vectors from {CacheFile}, {index.Sync.Embedded} computed.");
        return index;
    }
}
