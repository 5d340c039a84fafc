using PerfAspire.Ingest.Client;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// The bundle lifecycle on an <see cref="IngestRuntime"/> in this process: what the ingest service's HTTP API
/// serves (it maps these answers and errors to HTTP), and what the MCP server uses when no ingest service is
/// configured. Failures the user can act on come out as <see cref="IngestApiException"/> with the same codes and
/// statuses the HTTP API answers.
/// </summary>
public sealed class InProcessIngest(IngestRuntime runtime) : IIngestBackend
{
    public string Location => "in process";

    public IngestRuntime Runtime => runtime;

    public Task<LoadJobStatus> StartLoadAsync(LoadRequest request, CancellationToken ct = default) =>
        Guard(() => runtime.Jobs.StartAsync(request, ct));

    /// <summary>Starts a load and waits up to <paramref name="timeout"/> for it (the API's <c>?wait=true</c>).</summary>
    public Task<LoadJobStatus> StartLoadAndWaitAsync(LoadRequest request, TimeSpan timeout, CancellationToken ct = default) =>
        Guard(async () =>
        {
            var job = await runtime.Jobs.StartAsync(request, ct);
            return job.FinishedAt is null ? await runtime.Jobs.WaitAsync(job.JobId, timeout, ct) ?? job : job;
        });

    /// <summary>Cancels a queued or running load and waits up to <paramref name="wait"/> for it to end; null when the job is unknown.</summary>
    public Task<LoadJobStatus?> CancelJobAsync(string jobId, TimeSpan? wait = null, CancellationToken ct = default) =>
        Guard(() => runtime.Jobs.CancelAsync(jobId, wait ?? TimeSpan.FromSeconds(60), ct));

    public Task<LoadJobStatus?> GetJobAsync(string jobId, CancellationToken ct = default) =>
        Guard(() => runtime.Jobs.GetAsync(jobId, ct));

    public Task<IReadOnlyList<LoadJobStatus>> ListJobsAsync(CancellationToken ct = default) => Task.FromResult(runtime.Jobs.List());

    public Task<BundleList> ListAsync(CancellationToken ct = default) => Guard(async () =>
    {
        await runtime.EnsureReadyAsync(ct);
        var list = await runtime.Store.ListAsync(ct);
        return new BundleList(list, list.FirstOrDefault(b => b.Active)?.BundleId);
    });

    public Task<BundleDetail?> GetAsync(string bundleId, CancellationToken ct = default) => Guard(async () =>
    {
        CheckId(bundleId, "bundle_id");
        await runtime.EnsureReadyAsync(ct);
        var info = await runtime.Store.GetAsync(bundleId, ct);
        return info is null ? null : new BundleDetail(info, await runtime.Store.SummaryAsync(bundleId, ct));
    });

    public Task<ActiveBundle> ActiveAsync(CancellationToken ct = default) => Guard(async () =>
    {
        await runtime.EnsureReadyAsync(ct);
        var active = await runtime.Store.ActiveAsync(ct);
        return new ActiveBundle(active, active is null ? ["no_active_bundle"] : []);
    });

    public Task<ActiveBundle> SwitchActiveAsync(string bundleId, CancellationToken ct = default) => Guard(async () =>
    {
        await runtime.EnsureReadyAsync(ct);
        if (string.IsNullOrWhiteSpace(bundleId)) throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: bundle_id is required");
        CheckId(bundleId, "bundle_id");
        await runtime.Store.SetActiveAsync(bundleId, ct);
        return new ActiveBundle(await runtime.Store.ActiveAsync(ct), []);
    });

    public Task<UnloadResult> UnloadAsync(string bundleId, CancellationToken ct = default) => Guard(async () =>
    {
        CheckId(bundleId, "bundle_id");
        await runtime.EnsureReadyAsync(ct);
        return await runtime.Admin.UnloadAsync(bundleId, ct);
    });

    public Task<UnloadResult> PurgeAsync(CancellationToken ct = default) => Guard(async () =>
    {
        await runtime.EnsureReadyAsync(ct);
        return await runtime.Admin.PurgeAllAsync(ct);
    });

    /// <summary>
    /// An id is text PostgreSQL can hold: a NUL, another control character or a lone UTF-16 surrogate would fail the
    /// statement (and read as a database failure), so it is <c>invalid_argument</c> before anything is sent.
    /// </summary>
    static void CheckId(string? value, string name)
    {
        if (value is null) return;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw new IngestException(IngestErrors.InvalidArgument, $"invalid_argument: {name} holds a NUL, control or unpaired surrogate character; ids are printable text (support_list_bundles lists them)");
            }
        }
    }

    static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (IngestException e)
        {
            throw new IngestApiException(e.HttpStatus, e.Code, e.Message);
        }
        catch (Exception e) when (CopyErrors.IsDatabase(e))
        {
            throw new IngestApiException(503, IngestErrors.DatabaseUnavailable, "database_unavailable: " + PerfAspire.Schema.FailureCause.Describe(e));
        }
    }
}
