namespace PerfAspire.Ingest.Client;

/// <summary>
/// The bundle lifecycle operations, whoever runs them: <see cref="IngestClient"/> calls the ingest service over HTTP,
/// <see cref="Loading.InProcessIngest"/> runs the same ingestion code in the caller's process (the MCP server
/// started on its own, with only a database). Both answer with the same contract types and fail the same way:
/// <see cref="IngestApiException"/> for an answer with an error code, <see cref="IngestUnavailableException"/> when
/// the ingest side cannot be reached at all.
/// </summary>
public interface IIngestBackend
{
    /// <summary>Where loads run, for messages: "the ingest service at http://…" or "in process".</summary>
    string Location { get; }

    /// <summary>Starts a load job; the answer is already finished when the same content was active.</summary>
    Task<LoadJobStatus> StartLoadAsync(LoadRequest request, CancellationToken ct = default);

    /// <summary>Cancels a queued or running load (its rows and bundle record are removed) and waits up to <paramref name="wait"/> for it to end; null when the job is unknown.</summary>
    Task<LoadJobStatus?> CancelJobAsync(string jobId, TimeSpan? wait = null, CancellationToken ct = default);

    /// <summary>A job's status, or null when no job has this id.</summary>
    Task<LoadJobStatus?> GetJobAsync(string jobId, CancellationToken ct = default);

    /// <summary>The recent jobs, newest first.</summary>
    Task<IReadOnlyList<LoadJobStatus>> ListJobsAsync(CancellationToken ct = default);

    Task<BundleList> ListAsync(CancellationToken ct = default);

    /// <summary>One bundle and the summary of its last load, or null when unknown.</summary>
    Task<BundleDetail?> GetAsync(string bundleId, CancellationToken ct = default);

    Task<ActiveBundle> ActiveAsync(CancellationToken ct = default);

    Task<ActiveBundle> SwitchActiveAsync(string bundleId, CancellationToken ct = default);

    Task<UnloadResult> UnloadAsync(string bundleId, CancellationToken ct = default);

    Task<UnloadResult> PurgeAsync(CancellationToken ct = default);
}

/// <summary>An answer of the ingest side with an error code: HTTP status, the API's error code and message.</summary>
public sealed class IngestApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}

/// <summary>The ingest service cannot be reached (refused, DNS, timeout, open circuit) or failed without an error body.</summary>
public sealed class IngestUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string Code = "ingest_unavailable";
}
