using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Security;

/// <summary>
/// Only loaded data is served: the rows of a category an incremental load is still writing are not visible in the
/// (loaded, active) bundle, and housekeeping deletes the rows a loader that died left behind.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class CategoryLoadVisibilityTests(DatabaseFixture db)
{
    /// <summary>Liveness guard only: a regression here would otherwise hang the test run.</summary>
    static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    static readonly CatalogMetric MemMetric = Metric("ptops_mem");
    static readonly CatalogMetric CpuMetric = Metric("ptops_cpu");

    static CatalogMetric Metric(string table)
    {
        var g = SchemaSpec.Default.ByTable(table)!;
        return CatalogMetric.FromSpec(g, g.Metrics.FirstOrDefault(m => m.Kind == MetricKind.Gauge) ?? g.Metrics[0]);
    }

    static async Task<T> ScalarAsync<T>(NpgsqlDataSource ds, RenderedQuery q)
    {
        await using var cmd = ds.CreateCommand(q.Sql);
        foreach (var p in q.Parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p.Value });
        var value = await cmd.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }

    static async Task<long> CountAsync(NpgsqlDataSource ds, RenderedQuery q) =>
        await ScalarAsync<long>(ds, new QueryParameters(q.Parameters).Query($"SELECT count(*) FROM ({q.Sql}) AS q"));

    static async Task<long> RawRowsAsync(NpgsqlDataSource ds, string table, string bundleId)
    {
        await using var cmd = ds.CreateCommand($"SELECT count(*) FROM perf.{table} WHERE bundle_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>What the MCP tools run for a metric: the presence probe and a time series over the whole bundle.</summary>
    static async Task<(bool Any, long Rows)> VisibleAsync(NpgsqlDataSource ds, CatalogMetric metric, string bundleId)
    {
        var any = await ScalarAsync<bool>(ds, ProbeSql.AnyInBundle("perf", metric, bundleId));
        if (metric.Kind != MetricKind.Gauge) return (any, any ? 1 : 0);
        var series = QueryRenderer.Render("perf", new QueryRequest
        {
            Pattern = QueryPatterns.TimeseriesAvg,
            Metric = metric,
            BundleId = bundleId,
            Start = DateTimeOffset.UnixEpoch,
            End = DateTimeOffset.UtcNow.AddYears(50),
            StepSeconds = 3600,
            Filters = [],
        });
        return (any, await CountAsync(ds, series));
    }

    [Fact]
    public async Task Rows_of_a_category_still_loading_are_not_visible_in_the_loaded_bundle()
    {
        var armed = false;
        var calls = 0;
        string? firstTable = null;
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rt = await RuntimeAsync(db, s => s with
        {
            CopyWriters = 1,
            Database = s.Database with { BatchSize = 20 },
            // One writer writes batches in order: at the second batch of the category load the first is committed.
            BeforeBatch = async (batch, _, ct) =>
            {
                if (!Volatile.Read(ref armed)) return;
                if (Interlocked.Increment(ref calls) == 1)
                {
                    firstTable = batch.Table;
                    return;
                }
                blocked.TrySetResult();
                await release.Task.WaitAsync(ct);
            },
        });
        var first = await rt.Jobs.WaitAsync((await rt.Jobs.StartAsync(Request(Small.Directory, categories: ["CPU"]))).JobId, Guard);
        Assert.Equal("succeeded", first!.State);
        var bundleId = first.Summary!.BundleId;

        Volatile.Write(ref armed, true);
        var job = await rt.Jobs.StartAsync(Request(Small.Directory, categories: ["MEM"]));
        await blocked.Task.WaitAsync(Guard);

        var loading = Metric(firstTable!);
        Assert.Equal("MEM", LoadVisibility.CategoryOf(firstTable!));
        Assert.True(await RawRowsAsync(rt.DataSource, firstTable!, bundleId) > 0, "the category load has committed rows");
        Assert.Equal((false, 0L), await VisibleAsync(rt.DataSource, loading, bundleId));
        Assert.Null(await ScalarAsync<DateTime?>(rt.DataSource, ProbeSql.SampleEdge("perf", loading, bundleId, last: true)));
        var cpu = await VisibleAsync(rt.DataSource, CpuMetric, bundleId);
        Assert.True(cpu.Any && cpu.Rows > 0, "the loaded category stays visible meanwhile");
        Assert.Equal(BundleStore.Loaded, (await rt.Store.GetAsync(bundleId))!.State);

        release.TrySetResult();
        var done = await rt.Jobs.WaitAsync(job.JobId, Guard);
        Assert.Equal("succeeded", done!.State);
        var mem = await VisibleAsync(rt.DataSource, loading, bundleId);
        Assert.True(mem.Any && mem.Rows > 0, "visible once the load is finished");

        // The guard costs one catalog lookup per statement, not one per row: the plan gates on it once.
        var probe = ProbeSql.SampleEdge("perf", CpuMetric, bundleId, last: false);
        await using var explain = rt.DataSource.CreateCommand("EXPLAIN " + probe.Sql);
        foreach (var p in probe.Parameters) explain.Parameters.Add(new NpgsqlParameter { Value = p.Value });
        var plan = new List<string>();
        await using (var r = await explain.ExecuteReaderAsync())
        {
            while (await r.ReadAsync()) plan.Add(r.GetString(0));
        }
        Assert.Contains(plan, line => line.Contains("One-Time Filter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Housekeeping_deletes_the_rows_of_a_category_load_whose_process_died()
    {
        await using var rt = await RuntimeAsync(db);
        var loaded = await rt.Jobs.WaitAsync((await rt.Jobs.StartAsync(Request(Small.Directory, categories: ["CPU", "MEM"]))).JobId, Guard);
        Assert.Equal("succeeded", loaded!.State);
        var bundle = (await rt.Store.GetAsync(loaded.Summary!.BundleId))!;
        var memTables = Small.ExpectedRows(["MEM"], text: false).Keys.ToList();
        var cpuRows = await RawRowsAsync(rt.DataSource, "ptops_cpu", bundle.BundleId);

        // What a loader that died mid-way through an incremental MEM load leaves: its rows, the bundle still listing
        // only the categories loaded before, and its run still 'running'.
        await using (var batch = rt.DataSource.CreateBatch())
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE perf.bundles SET categories = '{CPU}' WHERE bundle_id = $1") { Parameters = { new() { Value = bundle.BundleId } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO perf.ingest_runs (bundle_id, job_id, state, categories) VALUES ($1, 'job-dead', 'running', '{MEM}')") { Parameters = { new() { Value = bundle.BundleId } } });
            await batch.ExecuteNonQueryAsync();
        }
        Assert.True(await RawRowsAsync(rt.DataSource, "ptops_mem", bundle.BundleId) > 0);
        Assert.Equal((false, 0L), await VisibleAsync(rt.DataSource, MemMetric, bundle.BundleId));

        // A load holding the content lock is alive: its rows are left alone.
        await using (await BundleLock.AcquireAsync(rt.ConnectionString, bundle.BundleHash, null, Guard, CancellationToken.None))
        {
            Assert.Equal(0, await rt.Admin.CleanUpAbandonedCategoryLoadsAsync());
            Assert.True(await RawRowsAsync(rt.DataSource, "ptops_mem", bundle.BundleId) > 0);
        }

        await rt.Admin.RunHousekeepingAsync(DateTimeOffset.UtcNow);
        foreach (var table in memTables) Assert.Equal(0, await RawRowsAsync(rt.DataSource, table, bundle.BundleId));
        Assert.Equal(cpuRows, await RawRowsAsync(rt.DataSource, "ptops_cpu", bundle.BundleId));
        var run = await rt.Store.RunByJobAsync("job-dead");
        Assert.Equal(("failed", "abandoned by an interrupted load"), (run!.Value.State, run.Value.Error));
        Assert.Equal(BundleStore.Loaded, (await rt.Store.GetAsync(bundle.BundleId))!.State);

        // The category can be loaded again afterwards and is then visible.
        var again = await rt.Jobs.WaitAsync((await rt.Jobs.StartAsync(Request(Small.Directory, categories: ["MEM"]))).JobId, Guard);
        Assert.Equal("succeeded", again!.State);
        Assert.True((await VisibleAsync(rt.DataSource, MemMetric, bundle.BundleId)).Any);
    }
}
