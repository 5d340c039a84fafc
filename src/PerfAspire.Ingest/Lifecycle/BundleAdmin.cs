using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PerfAspire.Ingest.Client;

namespace PerfAspire.Ingest.Lifecycle;

/// <summary>
/// Unload (one bundle), purge_all, and the periodic housekeeping: retention by load age
/// (bundles older than TIMESCALE_RETENTION_DAYS since loaded_at are unloaded, whatever the age of their samples)
/// and the clean-up of bundles left 'loading' by a process that died.
/// </summary>
public sealed class BundleAdmin(BundleStore store, string connectionString, int retentionDays, ILogger? log = null)
{
    readonly ILogger _log = log ?? NullLogger.Instance;

    public async Task<UnloadResult> UnloadAsync(string bundleId, CancellationToken ct = default)
    {
        var info = await store.GetAsync(bundleId, ct)
            ?? throw new IngestException(IngestErrors.BundleNotFound, $"bundle_not_found: no bundle {bundleId}", 404);
        await using var held = await BundleLock.TryAcquireAsync(connectionString, info.BundleHash, ct)
            ?? throw new IngestException(IngestErrors.BundleBusy, $"bundle_busy: a load of the content of {bundleId} is running; unload it when it ends", 409);
        await store.SetStateAsync(bundleId, BundleStore.Unloading, ct);
        var rows = await store.DeleteRowsAsync(bundleId, null, ct);
        await store.DeleteBundleAsync(bundleId, ct);
        _log.LogInformation("Unloaded bundle {BundleId} ({Rows} rows)", bundleId, rows);
        return new UnloadResult([bundleId], rows, info.Active);
    }

    public async Task<UnloadResult> PurgeAllAsync(CancellationToken ct = default)
    {
        await using var held = await BundleLock.TryAcquirePurgeAsync(connectionString, ct)
            ?? throw new IngestException(IngestErrors.BundleBusy, "bundle_busy: a load is running; purge_all waits for no load to be in progress", 409);
        var bundles = await store.ListAsync(ct);
        var rows = await store.TruncateAllAsync(ct);
        _log.LogInformation("Purged {Count} bundles", bundles.Count);
        return new UnloadResult([.. bundles.Select(b => b.BundleId)], rows, bundles.Any(b => b.Active));
    }

    /// <summary>
    /// Rows of an incremental category load whose process died: the bundle stays loaded (queries never saw them — a
    /// bundle shows only the categories it lists, see LoadVisibility), the run stays 'running'. With the bundle's
    /// content lock free nobody is writing them, so they are deleted from the tables of the categories the bundle does
    /// not list and the run is marked failed. Returns the rows deleted.
    /// </summary>
    public async Task<long> CleanUpAbandonedCategoryLoadsAsync(CancellationToken ct = default)
    {
        long total = 0;
        foreach (var run in await store.RunningCategoryLoadsAsync(ct))
        {
            await using var held = await BundleLock.TryAcquireAsync(connectionString, run.Hash, ct);
            if (held is null) continue;
            // Re-read under the lock: the load may have finished in between.
            if (await store.RunStateAsync(run.RunId, ct) != JobStates.Running) continue;
            var visible = (await store.GetAsync(run.BundleId, ct))?.Categories ?? run.Visible;
            var missing = run.Categories.Except(visible, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            long rows = 0;
            if (missing.Count > 0)
            {
                var tables = (await store.DataTablesAsync(ct)).Where(t => PerfAspire.Schema.Query.LoadVisibility.CategoryOf(t) is { } c && missing.Contains(c)).ToList();
                rows = await store.DeleteRowsAsync(run.BundleId, tables, ct);
            }
            // Died after the bundle was marked loaded with these categories: the rows are complete and stay.
            if (missing.Count == 0) await store.FinishRunAsync(run.RunId, JobStates.Succeeded, null, null, ct);
            else await store.FinishRunAsync(run.RunId, JobStates.Failed, null, "abandoned by an interrupted load", ct);
            total += rows;
            _log.LogWarning("Cleaned up category load {RunId} of bundle {BundleId} ({Categories}) abandoned by a process that died: {Rows} rows deleted",
                run.RunId, run.BundleId, string.Join(",", missing), rows);
        }
        return total;
    }

    /// <summary>One housekeeping round; returns the bundles unloaded by retention.</summary>
    public async Task<IReadOnlyList<string>> RunHousekeepingAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var state in new[] { BundleStore.Loading, BundleStore.Unloading })
        {
            foreach (var b in await store.InStateAsync(state, ct))
            {
                await using var held = await BundleLock.TryAcquireAsync(connectionString, b.BundleHash, ct);
                if (held is null) continue;
                // Re-read under the lock: the load may have finished in between.
                var again = await store.GetAsync(b.BundleId, ct);
                if (again is null || again.State != state) continue;
                await store.DeleteRowsAsync(b.BundleId, null, ct);
                if (state == BundleStore.Unloading) await store.DeleteBundleAsync(b.BundleId, ct);
                else await store.MarkFailedAsync(b.BundleId, "abandoned by an interrupted load", ct);
                _log.LogWarning("Cleaned up bundle {BundleId} left in state {State}", b.BundleId, state);
            }
        }
        await CleanUpAbandonedCategoryLoadsAsync(ct);
        if (retentionDays <= 0) return [];
        var unloaded = new List<string>();
        foreach (var b in await store.LoadedBeforeAsync(now.AddDays(-retentionDays), ct))
        {
            try
            {
                await UnloadAsync(b.BundleId, ct);
                unloaded.Add(b.BundleId);
            }
            catch (IngestException e) when (e.Code is IngestErrors.BundleBusy or IngestErrors.BundleNotFound)
            {
                // Busy now: the next round takes it.
            }
        }
        if (unloaded.Count > 0) _log.LogInformation("Retention unloaded {Count} bundles loaded more than {Days} days ago", unloaded.Count, retentionDays);
        return unloaded;
    }
}
