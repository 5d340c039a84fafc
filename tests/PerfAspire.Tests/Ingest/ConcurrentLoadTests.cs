using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>R3: two simultaneous loads of one bundle give one ingestion and one reuse, within a process and across processes.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ConcurrentLoadTests(DatabaseFixture db)
{
    [Fact]
    public async Task Two_loads_of_the_same_content_are_one_ingestion_and_one_reuse()
    {
        var cs = await FreshDatabaseAsync(db);
        var (a, firstHoldsLock, secondWaits) = await BlockingRuntimeAsync(cs);
        await using var _ = a;
        await using var b = await RuntimeAsync(cs);
        using var copy = new TestArchives.TempDir();
        var other = Path.Combine(copy.Path, Path.GetFileName(Small.Directory.Path));
        BundleLifecycleTests.CopyTree(Small.Directory.Path, other);

        // The first load holds its first batch (so its content lock) until the second is seen waiting on that lock.
        var first = a.Loader.LoadAsync(Request(Small.Directory), "a");
        await firstHoldsLock.Task.WaitAsync(TimeSpan.FromMinutes(3));
        var second = b.Loader.LoadAsync(new LoadRequest(other), "b", new Observer(p =>
        {
            if (p.Phase == "waiting_for_lock") secondWaits.TrySetResult();
        }));
        var results = await Task.WhenAll(first, second);

        Assert.False(results[0].Reused);
        Assert.True(results[1].Reused);
        Assert.Equal(results[0].BundleId, results[1].BundleId);
        Assert.Single(await a.Store.ListAsync());
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(a, results[0].BundleId));
    }

    [Fact]
    public async Task A_second_process_waits_for_the_first_and_reuses_its_bundle()
    {
        var cs = await FreshDatabaseAsync(db);
        var (a, firstHoldsLock, release) = await BlockingRuntimeAsync(cs);
        await using var _ = a;
        var first = a.Loader.LoadAsync(Request(Small.TarGz), "a");
        await firstHoldsLock.Task.WaitAsync(TimeSpan.FromMinutes(3));

        var cli = Path.Combine(AppContext.BaseDirectory, "perfaspire-ingest.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "load", Small.TarGz.Path, "--json", "--dsn", cs }) psi.ArgumentList.Add(arg);
        var childStarted = DateTime.UtcNow;
        using var child = Process.Start(psi)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();

        // The child shows up as a session waiting for the bundle's advisory lock; then the first load may go on.
        await using (var probe = NpgsqlDataSource.Create(cs))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (true)
            {
                await using var cmd = probe.CreateCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
                if ((long)(await cmd.ExecuteScalarAsync())! > 0) break;
                if (DateTime.UtcNow > deadline)
                {
                    await using var who = probe.CreateCommand("SELECT string_agg(coalesce(application_name,'') || ' ' || coalesce(wait_event_type,'') || ':' || coalesce(wait_event,'') || ' ' || state || ' ' || left(query, 80), E'\n') FROM pg_stat_activity WHERE datname = current_database()");
                    var sessions = await who.ExecuteScalarAsync();
                    await using var locks = probe.CreateCommand("SELECT string_agg(locktype || ' ' || coalesce(database::text,'') || ' ' || coalesce(classid::text,'') || ' ' || coalesce(objid::text,'') || ' ' || mode || ' ' || granted || ' pid ' || pid, E'\n') FROM pg_locks WHERE locktype = 'advisory'");
                    sessions += "\nlocks:\n" + await locks.ExecuteScalarAsync() + $"\nstarted child at {childStarted:O}, now {DateTime.UtcNow:O}";
                    child.Kill(entireProcessTree: true);
                    Assert.Fail($"the second process never waited for the lock:\n{sessions}\nstdout: {await stdout}\nstderr: {await stderr}");
                }
                if (child.HasExited) Assert.Fail("the second process ended early: " + await stdout + await stderr);
                await Task.Delay(100);
            }
        }
        release.SetResult();
        var summary = await first;
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, await stdout + await stderr);
        var fromChild = JsonSerializer.Deserialize<LoadSummary>(await stdout, IngestJson.Options)!;
        Assert.False(summary.Reused);
        Assert.True(fromChild.Reused);
        Assert.Equal(summary.BundleId, fromChild.BundleId);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(a, summary.BundleId));
    }

    /// <summary>A runtime whose first batch signals (the load then holds its content lock) and waits for a release.</summary>
    static async Task<(PerfAspire.Ingest.Loading.IngestRuntime Runtime, TaskCompletionSource Holding, TaskCompletionSource Release)> BlockingRuntimeAsync(string cs)
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = 0;
        var rt = await RuntimeAsync(cs, s => s with
        {
            BeforeBatch = async (_, _, ct) =>
            {
                if (Interlocked.Exchange(ref blocked, 1) != 0) return;
                holding.TrySetResult();
                await release.Task.WaitAsync(TimeSpan.FromMinutes(3), ct);
            },
        });
        return (rt, holding, release);
    }

    sealed class Observer(Action<LoadProgress> onReport) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => onReport(value);
    }
}
