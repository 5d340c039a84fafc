using System.Diagnostics;
using Microsoft.Extensions.AI;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Docs.Search;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// Builds the index in the background when the service starts (HTTP is up at once; requests get 503
/// <c>docs_not_ready</c> and the health check reports Degraded until the index is ready), then holds it.
/// Ready = corpus generated, model loaded and warmed, vectors loaded from the cache or computed.
/// </summary>
public sealed class DocsIndexHost(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    EmbeddingStoreFactory storeFactory,
    ILogger<DocsIndexHost> logger) : BackgroundService
{
    readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    readonly TaskCompletionSource<DocsIndex> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    volatile DocsIndex? _index;
    volatile string _status = "starting";
    int _started;

    public DocsIndex? Index => _index;

    /// <summary>Completes when the index is ready (or faults if building it failed).</summary>
    public Task<DocsIndex> WhenReady => _ready.Task;

    /// <summary>Time from service construction to ready; null until then.</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    public string StatusMessage => _index is not null ? "ready" : $"The docs index is {_status}; retry in a few seconds.";

    /// <summary>Starts building once, whether the host starts it (the docs service) or a first caller does (<see cref="InProcessDocs"/>).</summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _started, 1) == 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    public void EnsureStarted()
    {
        if (Volatile.Read(ref _started) == 0) _ = StartAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Off the host's start-up path (ExecuteAsync runs synchronously until its first await), and the
            // model load (the slow part) overlapped with the corpus generation and the cache read.
            // Every query needs the model, so a model that cannot load fails the build here, naming the cause,
            // instead of failing each search later.
            var warm = Task.Run(() => generator.GenerateAsync(["warm up"], null, stoppingToken), stoppingToken);
            _status = "generating the corpus and loading the embedding model";
            var corpus = await Task.Run(DocCorpus.CreateDefault, stoppingToken);
            _status = $"loading the embedding model and vectors for {corpus.Docs.Count} docs";
            var stores = storeFactory.Create();
            var index = await DocsIndex.BuildAsync(corpus, generator, stores, MiniLmEmbeddingGenerator.ModelId, logger, stoppingToken);
            await warm;
            _index = index;
            ReadyAfter = _sinceStart.Elapsed;
            _status = "ready";
            logger.LogInformation("Docs index ready after {Elapsed} ms: {Docs} docs ({Concepts} concepts), {Cached} vectors cached, {Embedded} computed.",
                (long)ReadyAfter.Value.TotalMilliseconds, corpus.Docs.Count, corpus.Concepts.Count, index.Sync.FromCache, index.Sync.Embedded);
            _ready.TrySetResult(index);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _ready.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            _status = "failed: " + e.Message;
            logger.LogError(e, "Building the docs index failed.");
            _ready.TrySetException(e);
        }
    }
}
