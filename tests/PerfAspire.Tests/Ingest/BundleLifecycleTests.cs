using Npgsql;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>The bundle lifecycle on a real database: reuse, path_already_active, force, categories, max_files, unload, purge, active, retention.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BundleLifecycleTests(DatabaseFixture db)
{
    [Fact]
    public async Task Same_content_elsewhere_is_reused_and_the_active_path_answers_at_once()
    {
        await using var rt = await RuntimeAsync(db);
        var first = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        var rows = await TotalRowsAsync(rt);

        var again = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        Assert.True(again.Reused);
        Assert.Equal(first.BundleId, again.BundleId);
        Assert.Equal(BundleLoader.PathAlreadyActive, again.Warnings[0]);

        using var copy = new TestArchives.TempDir();
        var moved = Path.Combine(copy.Path, Path.GetFileName(Small.Directory.Path));
        CopyTree(Small.Directory.Path, moved);
        var elsewhere = await rt.Loader.LoadAsync(new LoadRequest(moved), "t");
        Assert.True(elsewhere.Reused);
        Assert.Equal(first.BundleId, elsewhere.BundleId);
        Assert.DoesNotContain(BundleLoader.PathAlreadyActive, elsewhere.Warnings);
        Assert.Equal(rows, await TotalRowsAsync(rt));
        Assert.Single(await rt.Store.ListAsync());
    }

    [Fact]
    public async Task Force_gives_a_new_bundle_and_a_fresh_ingestion()
    {
        await using var rt = await RuntimeAsync(db);
        var first = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        var forced = await rt.Loader.LoadAsync(Request(Small.TarGz, force: true), "t");
        Assert.False(forced.Reused);
        Assert.NotEqual(first.BundleId, forced.BundleId);
        Assert.Equal(first.BundleHash, forced.BundleHash);
        Assert.StartsWith(first.BundleHash[..12], forced.BundleId);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, forced.BundleId));
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, first.BundleId));
        var list = await rt.Store.ListAsync();
        Assert.Equal(2, list.Count);
        Assert.Equal(forced.BundleId, Assert.Single(list, b => b.Active).BundleId);
    }

    [Fact]
    public async Task Categories_limit_the_load_and_more_categories_are_added_to_the_same_bundle()
    {
        await using var rt = await RuntimeAsync(db);
        var cpu = await rt.Loader.LoadAsync(Request(Small.Zip, categories: ["cpu"]), "t");
        Assert.Equal(["CPU"], cpu.Categories);
        AssertRows(Small.ExpectedRows(["CPU"]), await CountRowsAsync(rt, cpu.BundleId));
        Assert.Equal(await TypedTablesAsync(rt, cpu.BundleId), await RollupTablesAsync(rt, cpu.BundleId));

        var more = await rt.Loader.LoadAsync(Request(Small.Zip, categories: ["CPU", "DISK", "DB"]), "t");
        Assert.False(more.Reused);
        Assert.Equal(cpu.BundleId, more.BundleId);
        Assert.Equal(["DISK", "DB"], more.CategoriesIngested);
        Assert.Equal(["CPU", "DISK", "DB"], more.Categories);
        AssertRows(Small.ExpectedRows(["CPU", "DISK", "DB"]), await CountRowsAsync(rt, cpu.BundleId));
        AssertRows(Small.ExpectedRows(["CPU", "DISK", "DB"]), more.RowsPerTable);
        Assert.Equal(await TypedTablesAsync(rt, cpu.BundleId), await RollupTablesAsync(rt, cpu.BundleId));

        var covered = await rt.Loader.LoadAsync(Request(Small.Zip, categories: ["DISK"]), "t");
        Assert.True(covered.Reused);

        var all = await rt.Loader.LoadAsync(Request(Small.Zip), "t");
        Assert.Equal(cpu.BundleId, all.BundleId);
        Assert.Equal(PerfAspire.Schema.Spec.CommonColumns.Filters, all.Categories);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, cpu.BundleId));
        Assert.Equal(Small.Expected.Rows, all.MetricsIngested.Rows);
        Assert.Equal(await TypedTablesAsync(rt, cpu.BundleId), await RollupTablesAsync(rt, cpu.BundleId));
        var info = await rt.Store.GetAsync(cpu.BundleId);
        Assert.Equal(Small.Expected.Rows, info!.RowsTotal);
        Assert.Single(await rt.Store.ListAsync());
    }

    [Fact]
    public async Task Max_files_keeps_the_newest_logs_and_a_wider_request_ingests_again()
    {
        await using var rt = await RuntimeAsync(db);
        var one = await rt.Loader.LoadAsync(Request(Small.Directory, maxFiles: 1), "t");
        Assert.Equal(1, one.LogsProcessed);
        var newest = Small.Expected.Files[^1];
        Assert.Equal(newest.Path, Assert.Single(one.Files).MemberPath);
        Assert.Contains($"skipped_max_files:{Small.Expected.Files[0].Path}", one.Warnings);
        Assert.Equal(newest.Rows, one.MetricsIngested.Rows);

        var both = await rt.Loader.LoadAsync(Request(Small.Directory, maxFiles: 10), "t");
        Assert.False(both.Reused);
        Assert.NotEqual(one.BundleId, both.BundleId);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, both.BundleId));

        var e = await Assert.ThrowsAsync<IngestException>(() => rt.Loader.LoadAsync(Request(Small.Directory, maxFiles: 11), "t"));
        Assert.Equal(IngestErrors.InvalidMaxFiles, e.Code);
    }

    [Fact]
    public async Task Unload_purge_and_switching_the_active_bundle()
    {
        await using var rt = await RuntimeAsync(db);
        var a = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        var b = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        Assert.Equal(b.BundleId, (await rt.Store.ActiveAsync())!.BundleId);

        await rt.Store.SetActiveAsync(a.BundleId);
        Assert.Equal(a.BundleId, (await rt.Store.ActiveAsync())!.BundleId);
        Assert.Equal(IngestErrors.BundleNotFound, (await Assert.ThrowsAsync<IngestException>(() => rt.Store.SetActiveAsync("nope"))).Code);

        var unloaded = await rt.Admin.UnloadAsync(a.BundleId);
        Assert.True(unloaded.WasActive);
        Assert.Equal(Small.ExpectedRows().Values.Sum(), unloaded.RowsDeleted);
        Assert.Empty(await CountRowsAsync(rt, a.BundleId));
        Assert.Empty(await RollupTablesAsync(rt, a.BundleId));
        Assert.NotEmpty(await RollupTablesAsync(rt, b.BundleId));
        Assert.Null(await rt.Store.GetAsync(a.BundleId));
        Assert.Null(await rt.Store.ActiveAsync());
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, b.BundleId));
        Assert.Equal(IngestErrors.BundleNotFound, (await Assert.ThrowsAsync<IngestException>(() => rt.Admin.UnloadAsync(a.BundleId))).Code);

        await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        var purged = await rt.Admin.PurgeAllAsync();
        Assert.Equal(2, purged.Unloaded.Count);
        Assert.Empty(await rt.Store.ListAsync());
        Assert.Equal(0, await TotalRowsAsync(rt));
        Assert.Empty(await RollupTablesAsync(rt, null));
    }

    [Fact]
    public async Task Retention_is_by_load_age_not_sample_age()
    {
        await using var rt = await RuntimeAsync(db, s => s with { Database = s.Database with { RetentionDays = 30 } });
        var old = await rt.Loader.LoadAsync(Request(Small.Directory), "t");
        var recent = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        await using (var cmd = rt.DataSource.CreateCommand("UPDATE perf.bundles SET loaded_at = now() - interval '40 days' WHERE bundle_id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = old.BundleId });
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }
        // Both bundles' samples are from 2025-06: sample age must not matter.
        var unloaded = await rt.Admin.RunHousekeepingAsync(DateTimeOffset.UtcNow);
        Assert.Equal([old.BundleId], unloaded);
        Assert.Empty(await CountRowsAsync(rt, old.BundleId));
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, recent.BundleId));
        Assert.Equal("loaded", (await rt.Store.GetAsync(recent.BundleId))!.State);
    }

    [Fact]
    public async Task Rows_the_database_refuses_are_isolated_counted_and_beyond_the_threshold_fail_the_load()
    {
        // A CHECK constraint makes some CPU rows invalid: the batch is split until only those rows are refused.
        await using var lenient = await RuntimeAsync(db, s => s with { MaxRejectedRatio = 0.5, Database = s.Database with { BatchSize = 64 } });
        await using (var cmd = lenient.DataSource.CreateCommand("ALTER TABLE perf.ptops_cpu ADD CONSTRAINT test_idle CHECK (idle_percent IS NULL OR idle_percent < 50)"))
        {
            await cmd.ExecuteNonQueryAsync();
        }
        var summary = await lenient.Loader.LoadAsync(Request(Small.Directory), "t");
        Assert.True(summary.RowsRejected > 0);
        Assert.Contains(summary.RejectedSamples, s => s.Contains("test_idle"));
        var counts = await CountRowsAsync(lenient, summary.BundleId);
        Assert.Equal(Small.Expected.Tables["ptops_cpu"], counts["ptops_cpu"] + summary.RowsRejected);
        Assert.Contains($"rows_rejected:{summary.RowsRejected}", summary.Warnings);
        // The rollup would count the refused rows: that table is left out (its queries scan), the others are there.
        var rolledUp = await RollupTablesAsync(lenient, summary.BundleId);
        Assert.DoesNotContain("ptops_cpu", rolledUp);
        Assert.Contains("ptops_top", rolledUp);

        await using var strict = await RuntimeAsync(db, s => s with { MaxRejectedRatio = 0.0001, Database = s.Database with { BatchSize = 64 } },
            connectionString: lenient.ConnectionString);
        var e = await Assert.ThrowsAsync<IngestException>(() => strict.Loader.LoadAsync(Request(Small.Directory, force: true), "t"));
        Assert.Equal(IngestErrors.IngestFailed, e.Code);
        var failed = Assert.Single(await strict.Store.ListAsync(), b => b.State == "failed");
        Assert.Empty(await CountRowsAsync(strict, failed.BundleId));
        Assert.Empty(await RollupTablesAsync(strict, failed.BundleId));
        Assert.Equal(summary.BundleId, (await strict.Store.ActiveAsync())!.BundleId);
    }

    [Fact]
    public async Task A_load_is_a_job_with_progress_and_a_summary()
    {
        await using var rt = await RuntimeAsync(db);
        var job = await rt.Jobs.StartAsync(Request(Small.TarGz));
        Assert.StartsWith("job-", job.JobId);
        var done = await rt.Jobs.WaitAsync(job.JobId, TimeSpan.FromMinutes(5));
        Assert.NotNull(done);
        Assert.Equal("succeeded", done.State);
        Assert.NotNull(done.Summary);
        Assert.Equal(Small.Expected.Rows, done.Summary.MetricsIngested.Rows);
        Assert.Equal("done", done.Progress!.Phase);

        var immediate = await rt.Jobs.StartAsync(Request(Small.TarGz));
        Assert.Equal("succeeded", immediate.State);
        Assert.Contains(BundleLoader.PathAlreadyActive, immediate.Summary!.Warnings);

        var e = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path, Categories: ["CPUS"])));
        Assert.Equal(IngestErrors.InvalidCategory, e.Code);
        Assert.Equal(IngestErrors.PathNotFound, (await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest("/no/such/bundle.tgz")))).Code);

        // Another instance reads the job back from ingest_runs.
        await using var other = await RuntimeAsync(db, connectionString: rt.ConnectionString);
        var remote = await other.Jobs.GetAsync(job.JobId);
        Assert.Equal("succeeded", remote!.State);
        Assert.Equal(done.Summary.BundleId, remote.BundleId);
    }

    internal static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
