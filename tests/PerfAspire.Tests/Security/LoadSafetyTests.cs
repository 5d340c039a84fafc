using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Ingest;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Security;

/// <summary>Loads that cannot hang, pile up or leave rows behind: special files, NUL paths, cancel, wall-clock limit, the queue.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class LoadSafetyTests(DatabaseFixture db)
{
    /// <summary>Liveness guard only: a regression here would otherwise hang the test run.</summary>
    static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);

    [DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, uint mode);

    static void MakeFifo(string path) => Assert.True(mkfifo(path, Convert.ToUInt32("600", 8)) == 0, $"mkfifo failed: errno {Marshal.GetLastPInvokeError()}");

    [Fact]
    public async Task A_fifo_named_like_a_ptop_log_is_refused_and_never_opened()
    {
        await using var rt = await RuntimeAsync(db);
        using var copy = new TestArchives.TempDir();
        var bundle = Path.Combine(copy.Path, "bundle");
        BundleLifecycleTests.CopyTree(Small.Directory.Path, bundle);
        var fifo = Path.Combine(bundle, "ptop-20250101_0000.log");
        MakeFifo(fifo);

        // In a bundle directory: skipped with a warning, the rest loads.
        var job = await rt.Jobs.StartAsync(new LoadRequest(bundle));
        var done = await rt.Jobs.WaitAsync(job.JobId, Guard);
        Assert.Equal("succeeded", done!.State);
        Assert.Contains("refused_special:ptop-20250101_0000.log", done.Summary!.Warnings);
        Assert.Equal(Small.Expected.Rows, done.Summary.MetricsIngested.Rows);

        // As the bundle path itself: refused before anything is opened.
        var e = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest(fifo)));
        Assert.Equal(IngestErrors.RefusedSpecial, e.Code);
        Assert.StartsWith($"refused_special:{fifo}", e.Message);
    }

    [Fact]
    public async Task A_fifo_named_like_an_archive_given_as_the_bundle_path_is_refused_and_never_opened()
    {
        await using var rt = await RuntimeAsync(db);
        using var dir = new TestArchives.TempDir();
        foreach (var name in new[] { "x.tar.gz", "x.tar", "x.zip" })
        {
            var fifo = Path.Combine(dir.Path, name);
            MakeFifo(fifo);
            // Opening the FIFO would block until a writer appears: the refusal comes from its type, without opening it.
            var e = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest(fifo)).WaitAsync(Guard));
            Assert.Equal(IngestErrors.RefusedSpecial, e.Code);
            Assert.StartsWith($"refused_special:{fifo}", e.Message);
        }
        Assert.Empty(await rt.Store.ListAsync());
    }

    [Fact]
    public async Task An_archive_whose_logs_are_all_fifos_devices_or_escaping_links_fails_with_refused_special_and_loads_nothing()
    {
        await using var rt = await RuntimeAsync(db);
        using var dir = new TestArchives.TempDir();
        var t0 = new DateTime(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc);
        TestArchives.Member[] members =
        [
            new TestArchives.SpecialMember("var/log/" + TestArchives.LogName(t0), System.Formats.Tar.TarEntryType.Fifo),
            new TestArchives.SpecialMember("var/log/" + TestArchives.LogName(t0.AddHours(1)), System.Formats.Tar.TarEntryType.CharacterDevice),
            new TestArchives.LinkMember("var/log/" + TestArchives.LogName(t0.AddHours(2)), "../../../etc/shadow"),
        ];
        foreach (var bundle in new[] { dir.Write("evil.tar.gz", TestArchives.TarGz(members)), dir.Write("evil.zip", TestArchives.Zip(members)) })
        {
            var job = await rt.Jobs.StartAsync(new LoadRequest(bundle));
            var done = await rt.Jobs.WaitAsync(job.JobId, Guard);
            Assert.Equal(("failed", IngestErrors.RefusedSpecial), (done!.State, done.ErrorCode));
            Assert.StartsWith($"refused_special:var/log/{TestArchives.LogName(t0)}", done.Error);
            Assert.Contains($"refused_link:var/log/{TestArchives.LogName(t0.AddHours(2))}", done.Error);
        }
        await AssertNothingLeftAsync(rt);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_an_invalid_argument()
    {
        await using var rt = await RuntimeAsync(db);
        var e = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest(Small.Directory.Path + "\0/x")));
        Assert.Equal((IngestErrors.InvalidArgument, 400), (e.Code, e.HttpStatus));
        Assert.Contains("NUL", e.Message);
    }

    /// <summary>A runtime whose first batch signals and then waits until the load is cancelled.</summary>
    static async Task<(IngestRuntime Runtime, TaskCompletionSource Writing)> StuckRuntimeAsync(DatabaseFixture db, Func<IngestSettings, IngestSettings>? tweak = null)
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rt = await RuntimeAsync(db, s => (tweak?.Invoke(s) ?? s) with
        {
            BeforeBatch = async (_, _, ct) =>
            {
                writing.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            },
        });
        return (rt, writing);
    }

    static async Task AssertNothingLeftAsync(IngestRuntime rt)
    {
        Assert.Equal(0, await TotalRowsAsync(rt));
        Assert.Empty(await rt.Store.ListAsync());
        await using var runs = rt.DataSource.CreateCommand("SELECT count(*) FROM perf.ingest_runs");
        Assert.Equal(0L, (long)(await runs.ExecuteScalarAsync())!);
        await using var series = rt.DataSource.CreateCommand("SELECT count(*) FROM perf.bundle_series");
        Assert.Equal(0L, (long)(await series.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_job_cancelled_mid_load_leaves_no_rows()
    {
        var (rt, writing) = await StuckRuntimeAsync(db, s => s with { CopyWriters = 2 });
        await using var _ = rt;
        var job = await rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path));
        await writing.Task.WaitAsync(Guard);
        var cancelled = await rt.Jobs.CancelAsync(job.JobId, Guard);
        Assert.Equal(("cancelled", IngestErrors.Cancelled), (cancelled!.State, cancelled.ErrorCode));
        await AssertNothingLeftAsync(rt);
        var again = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.CancelAsync(job.JobId, Guard));
        Assert.Equal((IngestErrors.JobFinished, 409), (again.Code, again.HttpStatus));
        Assert.Null(await rt.Jobs.CancelAsync("job-missing", Guard));
    }

    [Fact]
    public async Task Support_cancel_ingest_cancels_a_running_load_from_mcp_and_leaves_no_rows()
    {
        var (rt, writing) = await StuckRuntimeAsync(db, s => s with { CopyWriters = 2 });
        await using var _ = rt;
        var backend = new InProcessIngest(rt);
        await using var server = await McpTestServer.StartAsync(rt.DataSource.ConnectionString, new Dictionary<string, string?>
        {
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        }, services => services.AddSingleton<IIngestBackend>(backend));
        await using var client = await server.ConnectAsync();

        var started = await client.OkAsync("support_load_bundle", new { path = Small.TarGz.Path, wait_seconds = 0 });
        var jobId = started.GetProperty("job_id").GetString()!;
        await writing.Task.WaitAsync(Guard); // the load is inside its first batch
        var cancelled = await client.OkAsync("support_cancel_ingest", new { job_id = jobId });
        Assert.Equal("cancelled", cancelled.GetProperty("job").GetProperty("state").GetString());
        await AssertNothingLeftAsync(rt);

        // A finished job, an unknown one and a missing id are clear errors.
        await client.ErrorAsync("support_cancel_ingest", new { job_id = jobId }, IngestErrors.JobFinished);
        await client.ErrorAsync("support_cancel_ingest", new { job_id = "job-missing" }, "job_not_found");
        await client.ErrorAsync("support_cancel_ingest", new { job_id = " " }, "invalid_argument");
    }

    [Fact]
    public async Task A_load_waiting_on_the_content_lock_past_INGEST_LOCK_WAIT_SECONDS_fails_with_bundle_busy_and_leaves_nothing()
    {
        // The first load holds the content lock (stuck in its first batch); a forced load of the same content waits on it.
        var (rt, writing) = await StuckRuntimeAsync(db, s => s with { LockWait = TimeSpan.FromMilliseconds(500), MaxConcurrentLoads = 2 });
        await using var _ = rt;
        var holder = await rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path));
        await writing.Task.WaitAsync(Guard);
        var waiter = await rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path, Force: true));
        var done = await rt.Jobs.WaitAsync(waiter.JobId, Guard);
        Assert.Equal(("failed", IngestErrors.BundleBusy), (done!.State, done.ErrorCode));
        Assert.Contains("INGEST_LOCK_WAIT_SECONDS", done.Error);
        Assert.Null(done.BundleId); // it never got as far as a bundle record
        // The holder was not disturbed; once it is cancelled nothing of either load is left.
        Assert.Equal("running", (await rt.Jobs.GetAsync(holder.JobId))!.State);
        await rt.Jobs.CancelAsync(holder.JobId, Guard);
        await AssertNothingLeftAsync(rt);
    }

    [Fact]
    public async Task A_load_past_its_wall_clock_limit_is_cancelled_and_cleaned_up()
    {
        var (rt, writing) = await StuckRuntimeAsync(db, s => s with { LoadTimeout = TimeSpan.FromMilliseconds(300) });
        await using var _ = rt;
        var job = await rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path));
        var done = await rt.Jobs.WaitAsync(job.JobId, Guard);
        Assert.Equal(("failed", IngestErrors.LoadTimeout), (done!.State, done.ErrorCode));
        Assert.Contains("INGEST_LOAD_TIMEOUT_MINUTES", done.Error);
        await AssertNothingLeftAsync(rt);
    }

    [Fact]
    public async Task Loads_beyond_the_running_and_queued_limit_are_refused_with_too_many_loads()
    {
        var (rt, writing) = await StuckRuntimeAsync(db, s => s with { MaxConcurrentLoads = 1, MaxQueuedLoads = 1 });
        await using var _ = rt;
        var running = await rt.Jobs.StartAsync(new LoadRequest(Small.TarGz.Path));
        await writing.Task.WaitAsync(Guard);
        var queued = await rt.Jobs.StartAsync(new LoadRequest(Small.Zip.Path));
        Assert.Equal("queued", queued.State);
        var refused = await Assert.ThrowsAsync<IngestException>(() => rt.Jobs.StartAsync(new LoadRequest(Small.Directory.Path)));
        Assert.Equal((IngestErrors.TooManyLoads, 429), (refused.Code, refused.HttpStatus));
        Assert.Contains("retry", refused.Message);

        // A queued job cancels without ever running; its place is free again.
        Assert.Equal("cancelled", (await rt.Jobs.CancelAsync(queued.JobId, Guard))!.State);
        var next = await rt.Jobs.StartAsync(new LoadRequest(Small.Zip.Path));
        Assert.Equal("queued", next.State);
        foreach (var id in new[] { running.JobId, next.JobId }) await rt.Jobs.CancelAsync(id, Guard);
        await AssertNothingLeftAsync(rt);
    }
}
