using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PerfAspire.Ingest.Client;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Loads as jobs: <see cref="StartAsync"/> checks the arguments, answers the path_already_active case at once, and
/// otherwise runs the load in the background; status and progress are polled by id. The last
/// <see cref="MaxKept"/> jobs stay in memory; older ones (or another instance's) are read back from ingest_runs.
/// </summary>
public sealed class LoadJobs(IngestRuntime runtime, ILogger? log = null) : IDisposable
{
    public const int MaxKept = 200;

    readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stopping = new();
    readonly ILogger _log = log ?? NullLogger.Instance;

    public async Task<LoadJobStatus> StartAsync(LoadRequest request, CancellationToken ct = default)
    {
        await runtime.EnsureReadyAsync(ct);
        var load = runtime.Loader.Validate(request);
        var job = new Job("job-" + Guid.NewGuid().ToString("N")[..16], request);
        Trim();
        _jobs[job.Id] = job;
        var quick = await runtime.Loader.TryActivePathAsync(load, ct);
        if (quick is not null)
        {
            job.Succeed(quick);
            return job.Status();
        }
        job.Task = Task.Run(() => RunAsync(job, load));
        return job.Status();
    }

    async Task RunAsync(Job job, ValidatedLoad load)
    {
        job.Start();
        try
        {
            var summary = await runtime.Loader.LoadAsync(load, job.Id, new CallbackProgress(job.SetProgress), _stopping.Token);
            job.Succeed(summary);
        }
        catch (IngestException e)
        {
            job.Fail(e.Code, e.Message);
        }
        catch (OperationCanceledException)
        {
            job.Fail("cancelled", "cancelled: the ingest service is stopping");
        }
        catch (Exception e) when (CopyErrors.IsDatabase(e))
        {
            job.Fail(IngestErrors.DatabaseUnavailable, "database_unavailable: " + e.Message);
        }
        catch (Exception e)
        {
            _log.LogError(e, "Load job {JobId} failed unexpectedly", job.Id);
            job.Fail(IngestErrors.IngestFailed, "ingest_failed: " + e.Message);
        }
    }

    public async Task<LoadJobStatus?> GetAsync(string jobId, CancellationToken ct = default)
    {
        if (_jobs.TryGetValue(jobId, out var job)) return job.Status();
        var run = await runtime.Store.RunByJobAsync(jobId, ct);
        if (run is not { } r) return null;
        return new LoadJobStatus
        {
            JobId = jobId,
            State = r.State switch { "running" => "running", "succeeded" => "succeeded", _ => "failed" },
            Request = new LoadRequest(r.Summary?.SourcePath ?? ""),
            CreatedAt = r.Started,
            StartedAt = r.Started,
            FinishedAt = r.Finished,
            BundleId = r.BundleId,
            Progress = r.Progress,
            Summary = r.Summary,
            Error = r.Error,
            ErrorCode = r.Error is null ? null : r.Error.Split(':')[0],
        };
    }

    /// <summary>Waits until the job ends or <paramref name="timeout"/> passes; returns its status then.</summary>
    public async Task<LoadJobStatus?> WaitAsync(string jobId, TimeSpan timeout, CancellationToken ct = default)
    {
        if (!_jobs.TryGetValue(jobId, out var job)) return await GetAsync(jobId, ct);
        if (job.Task is { } task)
        {
            try { await task.WaitAsync(timeout, ct); }
            catch (TimeoutException) { }
        }
        return job.Status();
    }

    public IReadOnlyList<LoadJobStatus> List() =>
        [.. _jobs.Values.Select(j => j.Status()).OrderByDescending(s => s.CreatedAt)];

    void Trim()
    {
        if (_jobs.Count < MaxKept) return;
        foreach (var old in _jobs.Values.Where(j => j.Finished).OrderBy(j => j.CreatedAt).Take(_jobs.Count - MaxKept + 1).ToList())
        {
            _jobs.TryRemove(old.Id, out _);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    sealed class CallbackProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }

    sealed class Job(string id, LoadRequest request)
    {
        readonly object _gate = new();
        string _state = "queued";
        DateTimeOffset? _started;
        DateTimeOffset? _finished;
        LoadProgress? _progress;
        LoadSummary? _summary;
        string? _errorCode;
        string? _error;

        public string Id => id;
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;
        public Task? Task { get; set; }
        public bool Finished { get { lock (_gate) return _finished is not null; } }

        public void Start() { lock (_gate) { _state = "running"; _started = DateTimeOffset.UtcNow; } }

        public void SetProgress(LoadProgress p) { lock (_gate) if (_finished is null) _progress = p; }

        public void Succeed(LoadSummary s)
        {
            lock (_gate)
            {
                _state = "succeeded";
                _summary = s;
                _started ??= DateTimeOffset.UtcNow;
                _finished = DateTimeOffset.UtcNow;
                _progress = (_progress ?? new LoadProgress()) with { Phase = "done", Fraction = 1, EtaSeconds = 0 };
            }
        }

        public void Fail(string code, string message)
        {
            lock (_gate)
            {
                _state = "failed";
                _errorCode = code;
                _error = message;
                _finished = DateTimeOffset.UtcNow;
                if (_progress is not null) _progress = _progress with { Phase = "done", EtaSeconds = null };
            }
        }

        public LoadJobStatus Status()
        {
            lock (_gate)
            {
                return new LoadJobStatus
                {
                    JobId = id,
                    State = _state,
                    Request = request,
                    CreatedAt = CreatedAt,
                    StartedAt = _started,
                    FinishedAt = _finished,
                    BundleId = _summary?.BundleId,
                    Progress = _progress,
                    Summary = _summary,
                    ErrorCode = _errorCode,
                    Error = _error,
                };
            }
        }
    }
}
