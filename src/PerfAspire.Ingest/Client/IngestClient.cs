using System.Net;
using System.Net.Http.Json;

namespace PerfAspire.Ingest.Client;

/// <summary>
/// Typed client of the ingest HTTP API, the MCP server's <see cref="IIngestBackend"/> when an ingest service is
/// configured (registered with <c>AddHttpClient&lt;IIngestBackend, IngestClient&gt;</c>). Every method maps one
/// endpoint; a non-success answer throws <see cref="IngestApiException"/> carrying the API's error code, and a
/// service that cannot be reached <see cref="IngestUnavailableException"/>.
/// </summary>
public sealed class IngestClient(HttpClient http) : IIngestBackend
{
    public string Location => $"the ingest service at {http.BaseAddress}";

    public Task<LoadJobStatus> StartLoadAsync(LoadRequest request, CancellationToken ct = default) => LoadAsync(request, false, null, ct);

    /// <summary><c>POST /api/bundles/load</c>: starts a load job (or, with <paramref name="wait"/>, waits up to the timeout for it).</summary>
    public async Task<LoadJobStatus> LoadAsync(LoadRequest request, bool wait = false, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var url = "/api/bundles/load" + (wait ? $"?wait=true&timeout_seconds={(int)Math.Clamp((timeout ?? TimeSpan.FromMinutes(10)).TotalSeconds, 1, 3600)}" : "");
        using var response = await SendAsync(() => http.PostAsJsonAsync(url, request, IngestJson.Options, ct), ct);
        return await ReadAsync<LoadJobStatus>(response, ct);
    }

    /// <summary><c>GET /api/bundles/jobs/{job_id}</c>; null when the job is unknown.</summary>
    public async Task<LoadJobStatus?> GetJobAsync(string jobId, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.GetAsync($"/api/bundles/jobs/{Uri.EscapeDataString(jobId)}", ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<LoadJobStatus>(response, ct);
    }

    /// <summary><c>POST /api/bundles/jobs/{job_id}/cancel</c>: cancels a queued or running load (its rows and bundle record are removed) and waits up to <paramref name="timeout"/> for it to end; null when the job is unknown.</summary>
    public async Task<LoadJobStatus?> CancelJobAsync(string jobId, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var seconds = (int)Math.Clamp((timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds, 0, 600);
        using var response = await SendAsync(() => http.PostAsync($"/api/bundles/jobs/{Uri.EscapeDataString(jobId)}/cancel?timeout_seconds={seconds}", null, ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<LoadJobStatus>(response, ct);
    }

    /// <summary>Polls a job until it succeeds or fails, reporting its progress on the way.</summary>
    public async Task<LoadJobStatus> WaitForJobAsync(string jobId, IProgress<LoadProgress>? progress = null, TimeSpan? pollInterval = null,
        CancellationToken ct = default)
    {
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var job = await GetJobAsync(jobId, ct) ?? throw new IngestApiException(404, "job_not_found", $"job_not_found: no job {jobId}");
            if (job.Progress is { } p) progress?.Report(p);
            if (JobStates.IsFinished(job.State)) return job;
            await Task.Delay(interval, ct);
        }
    }

    /// <summary><c>GET /api/bundles/jobs</c>: the recent jobs, newest first.</summary>
    public async Task<IReadOnlyList<LoadJobStatus>> ListJobsAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.GetAsync("/api/bundles/jobs", ct), ct);
        return await ReadAsync<List<LoadJobStatus>>(response, ct);
    }

    /// <summary><c>GET /api/bundles</c>.</summary>
    public async Task<BundleList> ListAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.GetAsync("/api/bundles", ct), ct);
        return await ReadAsync<BundleList>(response, ct);
    }

    /// <summary><c>GET /api/bundles/{bundle_id}</c>; null when unknown.</summary>
    public async Task<BundleDetail?> GetAsync(string bundleId, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.GetAsync($"/api/bundles/{Uri.EscapeDataString(bundleId)}", ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<BundleDetail>(response, ct);
    }

    /// <summary><c>GET /api/bundles/active</c>.</summary>
    public async Task<ActiveBundle> ActiveAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.GetAsync("/api/bundles/active", ct), ct);
        return await ReadAsync<ActiveBundle>(response, ct);
    }

    /// <summary><c>POST /api/bundles/active</c>.</summary>
    public async Task<ActiveBundle> SwitchActiveAsync(string bundleId, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.PostAsJsonAsync("/api/bundles/active", new SwitchActiveRequest(bundleId), IngestJson.Options, ct), ct);
        return await ReadAsync<ActiveBundle>(response, ct);
    }

    /// <summary><c>DELETE /api/bundles/{bundle_id}</c>.</summary>
    public async Task<UnloadResult> UnloadAsync(string bundleId, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.DeleteAsync($"/api/bundles/{Uri.EscapeDataString(bundleId)}", ct), ct);
        return await ReadAsync<UnloadResult>(response, ct);
    }

    /// <summary><c>POST /api/bundles/purge</c> (purge_all).</summary>
    public async Task<UnloadResult> PurgeAsync(CancellationToken ct = default)
    {
        using var response = await SendAsync(() => http.PostAsync("/api/bundles/purge", null, ct), ct);
        return await ReadAsync<UnloadResult>(response, ct);
    }

    /// <summary>Connection refused, DNS failure, a resilience timeout or an open circuit all mean "not reachable now".</summary>
    async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        try
        {
            return await send();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is HttpRequestException or TaskCanceledException or TimeoutException
            || e.GetType().FullName?.StartsWith("Polly.", StringComparison.Ordinal) == true))
        {
            throw new IngestUnavailableException($"The ingest service cannot be reached at {http.BaseAddress} ({e.GetType().Name}).", e);
        }
    }

    async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            ErrorResponse? error = null;
            try { error = await response.Content.ReadFromJsonAsync<ErrorResponse>(IngestJson.Options, ct); }
            catch (System.Text.Json.JsonException) { }
            catch (NotSupportedException) { }
            if (error?.Error is null && (int)response.StatusCode >= 500)
            {
                throw new IngestUnavailableException($"The ingest service at {http.BaseAddress} failed ({(int)response.StatusCode} {response.ReasonPhrase}).");
            }
            throw new IngestApiException((int)response.StatusCode, error?.Error ?? "http_" + (int)response.StatusCode,
                error?.Message ?? $"ingest API answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        return await response.Content.ReadFromJsonAsync<T>(IngestJson.Options, ct)
            ?? throw new IngestApiException((int)response.StatusCode, "empty_response", "ingest API answered with an empty body");
    }
}
