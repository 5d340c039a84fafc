using Npgsql;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>
/// Bundles in TimescaleDB's columnstore: a load ends with every row compressed, and incremental categories, unload,
/// retention, purge and the clean-up of a failed load work on compressed chunks shared by several bundles. On the
/// plain flavour the same loads run on ordinary tables and the columnstore is off.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ColumnstoreTests(DatabaseFixture db)
{
    static IEnumerable<string> Typed(IReadOnlyDictionary<string, long> rows) => rows.Keys.Where(t => t != CommonColumns.TextRecordsTable);

    static Columnstore Store(IngestRuntime rt) => new(rt.DataSource, rt.Settings.Database.Schema);

    /// <summary>Rows of the bundle still in the row store (0 on plain PostgreSQL: there are no chunks).</summary>
    static async Task<(long Rows, long RowStore)> RowsAsync(IngestRuntime rt, string bundleId) =>
        await Store(rt).RowsAsync(bundleId, Typed(await CountRowsAsync(rt, bundleId)), CancellationToken.None);

    [Fact]
    public async Task A_loaded_bundle_is_entirely_in_the_columnstore_with_every_row()
    {
        await using var rt = await RuntimeAsync(db, s => s with { ColumnstoreBatchRows = 500 });
        Assert.Equal(db.TimescaleAvailable, await Columnstore.EnabledAsync(rt.DataSource, rt.Settings.Database, CancellationToken.None));

        var summary = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        Assert.Equal("loaded", summary.State);
        Assert.DoesNotContain(BundleLoader.ColumnstoreIncomplete, summary.Warnings);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));
        var (rows, rowStore) = await RowsAsync(rt, summary.BundleId);
        Assert.Equal(Small.Expected.Rows, rows);
        Assert.Equal(0, rowStore);
        if (db.TimescaleAvailable)
        {
            Assert.Equal(0L, await ScalarAsync(rt, """
                SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_schema = 'perf' AND NOT is_compressed
                """));
            Assert.True(await ScalarAsync(rt, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_schema = 'perf'") > 0);
        }
    }

    [Fact]
    public async Task Switched_off_the_rows_stay_in_the_row_store_and_compressing_afterwards_moves_them()
    {
        await using var rt = await RuntimeAsync(db, s => s with { Database = s.Database with { Columnstore = false } });
        Assert.False(await Columnstore.EnabledAsync(rt.DataSource, rt.Settings.Database, CancellationToken.None));
        var summary = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        var tables = Typed(await CountRowsAsync(rt, summary.BundleId)).ToList();
        var (rows, rowStore) = await RowsAsync(rt, summary.BundleId);
        Assert.Equal(Small.Expected.Rows, rows);
        if (!db.TimescaleAvailable)
        {
            Assert.Equal(0, await Store(rt).CompressBundleAsync(summary.BundleId, tables, CancellationToken.None));
            return;
        }
        Assert.Equal(rows, rowStore);

        var chunks = await Store(rt).CompressBundleAsync(summary.BundleId, tables, CancellationToken.None);
        Assert.True(chunks > 0);
        Assert.Equal((rows, 0L), await RowsAsync(rt, summary.BundleId));
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));
        Assert.Equal(0, await Store(rt).CompressBundleAsync(summary.BundleId, tables, CancellationToken.None));
    }

    [Fact]
    public async Task Bundles_sharing_compressed_chunks_load_incrementally_unload_and_expire_independently()
    {
        await using var rt = await RuntimeAsync(db, s => s with { ColumnstoreBatchRows = 700 });
        var a = await rt.Loader.LoadAsync(Request(Small.Zip, categories: ["cpu"]), "t");
        var more = await rt.Loader.LoadAsync(Request(Small.Zip, categories: ["CPU", "DISK", "TOP"]), "t");
        Assert.Equal(a.BundleId, more.BundleId);
        AssertRows(Small.ExpectedRows(["CPU", "DISK", "TOP"]), await CountRowsAsync(rt, a.BundleId));
        Assert.Equal(0, (await RowsAsync(rt, a.BundleId)).RowStore);

        // The same samples again as another bundle: its rows go into the chunks bundle A already compressed.
        var b = await rt.Loader.LoadAsync(Request(Small.Zip, force: true), "t");
        Assert.NotEqual(a.BundleId, b.BundleId);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, b.BundleId));
        Assert.Equal(0, (await RowsAsync(rt, b.BundleId)).RowStore);

        var unloaded = await rt.Admin.UnloadAsync(a.BundleId);
        Assert.Equal(Small.ExpectedRows(["CPU", "DISK", "TOP"]).Values.Sum(), unloaded.RowsDeleted);
        Assert.Empty(await CountRowsAsync(rt, a.BundleId));
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, b.BundleId));
        Assert.Equal(0, (await RowsAsync(rt, b.BundleId)).RowStore);

        var expired = await rt.Admin.RunHousekeepingAsync(DateTimeOffset.UtcNow.AddDays(rt.Settings.Database.RetentionDays + 1));
        Assert.Equal([b.BundleId], expired);
        Assert.Equal(0, await TotalRowsAsync(rt));

        var c = await rt.Loader.LoadAsync(Request(Small.TarGz, force: true), "t");
        Assert.True(await TotalRowsAsync(rt) > 0);
        var purged = await rt.Admin.PurgeAllAsync();
        Assert.Equal([c.BundleId], purged.Unloaded);
        Assert.Equal(0, await TotalRowsAsync(rt));
    }

    [Fact]
    public async Task A_failed_load_leaves_no_rows_in_chunks_another_bundle_compressed()
    {
        await using var ok = await RuntimeAsync(db);
        var kept = await ok.Loader.LoadAsync(Request(Small.Directory), "t");

        var batches = 0;
        await using var failing = await RuntimeAsync(ok.ConnectionString, s => s with
        {
            ColumnstoreBatchRows = 300,
            Database = s.Database with { BatchSize = 300 },
            BeforeBatch = (_, _, _) => Interlocked.Increment(ref batches) == 12
                ? throw new InvalidOperationException("injected failure after 11 batches")
                : Task.CompletedTask,
        });
        var e = await Assert.ThrowsAsync<IngestException>(() => failing.Loader.LoadAsync(Request(Small.Directory, force: true), "t"));
        Assert.Equal(IngestErrors.IngestFailed, e.Code);
        Assert.True(batches >= 12);

        var failed = Assert.Single(await ok.Store.ListAsync(), x => x.BundleId != kept.BundleId);
        Assert.Equal("failed", failed.State);
        Assert.Empty(await CountRowsAsync(ok, failed.BundleId));
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(ok, kept.BundleId));
        Assert.Equal(0, (await RowsAsync(ok, kept.BundleId)).RowStore);
    }

    static async Task<long> ScalarAsync(IngestRuntime rt, string sql)
    {
        await using var cmd = rt.DataSource.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
