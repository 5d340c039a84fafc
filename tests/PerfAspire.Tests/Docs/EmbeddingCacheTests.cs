using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Docs;

/// <summary>The vector cache in a real PostgreSQL: created on demand, reused, refreshed only for changed passages.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class EmbeddingCacheTests(DatabaseFixture db)
{
    /// <summary>Counts what reaches the real model.</summary>
    sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Embedded;

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Interlocked.Add(ref Embedded, list.Count);
            return base.GenerateAsync(list, options, cancellationToken);
        }

        // The shared model outlives this wrapper.
        protected override void Dispose(bool disposing) { }
    }

    static IReadOnlyList<EmbeddingUnit> Units(params string[] texts) =>
        EmbeddingUnit.From([.. texts.Select((t, i) => new Doc { Id = $"test:{i}", Level = DocLevel.L4, Title = t, Summary = t, Body = t, EmbeddingTexts = [t] })]);

    [Fact]
    public async Task Only_new_or_changed_passages_are_embedded_and_stale_rows_are_pruned()
    {
        var cs = await db.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(cs);
        var store = new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings());
        var generator = new CountingGenerator(SharedDocsIndex.Generator);
        var sync = new EmbeddingSync(generator, store, NullLogger.Instance);

        var first = await sync.SyncAsync(Units("disk busy percent", "proxy timeouts", "mbuf pool"), "model-a", default);
        Assert.Equal((0, 3, 3), (first.FromCache, first.Embedded, generator.Embedded));
        Assert.Empty(first.Warnings);

        var again = await sync.SyncAsync(Units("disk busy percent", "proxy timeouts", "mbuf pool"), "model-a", default);
        Assert.Equal((3, 0, 3), (again.FromCache, again.Embedded, generator.Embedded));
        for (var i = 0; i < 3; i++) Assert.Equal(first.Vectors[i], again.Vectors[i]);

        // test:1 changed text, test:2 disappeared.
        var changed = await sync.SyncAsync(Units("disk busy percent", "proxy reconnects"), "model-a", default);
        Assert.Equal((1, 1, 4), (changed.FromCache, changed.Embedded, generator.Embedded));
        Assert.NotEqual(first.Vectors[1], changed.Vectors[1]);

        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT doc_id, content_hash, array_length(embedding, 1) FROM perf.doc_embeddings WHERE model_id = 'model-a' ORDER BY doc_id", conn);
        var rows = new List<(string, string, int)>();
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
        Assert.Equal(["test:0", "test:1"], rows.Select(x => x.Item1));
        Assert.All(rows, x => Assert.Equal(384, x.Item3));
        Assert.Equal(EmbeddingUnit.Hash("proxy reconnects"), rows[1].Item2);

        // Another model's vectors are separate: nothing cached for it.
        var otherModel = await sync.SyncAsync(Units("disk busy percent"), "model-b", default);
        Assert.Equal((0, 1), (otherModel.FromCache, otherModel.Embedded));
    }

    [Fact]
    public async Task A_local_file_refills_an_empty_database_without_embedding_again()
    {
        // Local mode gives PostgreSQL a throw-away data directory: the file cache carries vectors across starts.
        var file = Path.Combine(Path.GetTempPath(), "perfaspire-docs-tests", Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var generator = new CountingGenerator(SharedDocsIndex.Generator);
            var units = Units("disk busy percent", "proxy timeouts");
            await new EmbeddingSync(generator, new FileEmbeddingStore(file), NullLogger.Instance).SyncAsync(units, "model-a", default);
            Assert.Equal(2, generator.Embedded);

            await using var dataSource = NpgsqlDataSource.Create(await db.CreateDatabaseAsync());
            var database = new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings());
            var result = await new EmbeddingSync(generator, [database, new FileEmbeddingStore(file)], NullLogger.Instance).SyncAsync(units, "model-a", default);
            Assert.Equal((2, 0, 2), (result.FromCache, result.Embedded, generator.Embedded));
            Assert.Equal(["test:0", "test:1"], (await database.LoadAsync("model-a", default)).Keys.Order());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_store_works_on_a_schema_the_migrator_created_and_migrates_it_again_idempotently()
    {
        var cs = await db.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(cs);
        // As under the AppHost: the migrator has created doc_embeddings with every other table.
        await PerfAspire.Schema.Database.SchemaMigrator.MigrateAsync(dataSource, new PerfAspire.Schema.DatabaseSettings());
        var store = new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings());
        Assert.Empty(await store.LoadAsync("m", default));
        await store.SaveAsync("m", [("x", new CachedEmbedding("h", [0.6f, 0.8f]))], ["x"], default);
        var again = new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings());
        var reloaded = await again.LoadAsync("m", default);
        Assert.Equal(new[] { 0.6f, 0.8f }, reloaded["x"].Vector);
    }

    [Fact]
    public async Task An_unreachable_database_costs_time_not_availability()
    {
        // Nothing listens on port 1: the store fails, vectors are computed in memory with a warning.
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var sync = new EmbeddingSync(SharedDocsIndex.Generator, new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings()), NullLogger.Instance);
        var result = await sync.SyncAsync(Units("disk busy percent", "proxy timeouts"), "model-a", default);
        Assert.Equal(2, result.Embedded);
        Assert.All(result.Vectors, v => Assert.Equal(384, v.Length));
        Assert.Contains("embedding_cache_unavailable", result.Warnings);
    }
}
