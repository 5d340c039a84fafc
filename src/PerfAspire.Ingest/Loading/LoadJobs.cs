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
    readonly SemaphoreSlim _slots = new(runtime.Settings.MaxConcurrentLoads, runtime.Settings.MaxConcurrentLoads);
    int _reserved;

    /// <summary>
    /// Checks the request, reserves a place (at most INGEST_MAX_CONCURRENT_LOADS running plus INGEST_MAX_QUEUED_LOADS
    /// waiting, else <c>too_many_loads</c>), answers the path_already_active case at once, otherwise queues the load.
    /// </summary>
    public async Task<LoadJobStatus> StartAsync(LoadRequest request, CancellationToken ct = default)
    {
        await runtime.EnsureReadyAsync(ct);
        var load = runtime.Loader.Validate(request);
        Reserve();
        var job = new Job("job-" + Guid.NewGuid().ToString("N")[..16], request, _stopping.Token);
        try
        {
            Trim();
            _jobs[job.Id] = job;
            var quick = await runtime.Loader.TryActivePathAsync(load, ct);
            if (quick is not null)
            {
                job.Succeed(quick);
                Unreserve(job);
                return job.Status();
            }
        }
        catch
        {
            _jobs.TryRemove(job.Id, out _);
            Unreserve(job);
            throw;
        }
        job.Task = Task.Run(() => RunAsync(job, load));
        return job.Status();
    }

    /// <summary>Seconds a refused client is told to wait (the Retry-After of a 429).</summary>
    public const int RetryAfterSeconds = 10;

    void Reserve()
    {
        var settings = runtime.Settings;
        var limit = settings.MaxConcurrentLoads + settings.MaxQueuedLoads;
        if (Interlocked.Increment(ref _reserved) <= limit) return;
        Interlocked.Decrement(ref _reserved);
        throw new IngestException(IngestErrors.TooManyLoads,
            $"too_many_loads: {settings.MaxConcurrentLoads} loads are running and {settings.MaxQueuedLoads} are waiting " +
            $"(INGEST_MAX_CONCURRENT_LOADS, INGEST_MAX_QUEUED_LOADS); retry in {RetryAfterSeconds} s or once support_ingest_status shows a job finished", 429);
    }

    void Unreserve(Job job)
    {
        if (job.ReleaseReservation()) Interlocked.Decrement(ref _reserved);
    }

    async Task RunAsync(Job job, ValidatedLoad load)
    {
        try
        {
            await _slots.WaitAsync(job.Token);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled();
            Unreserve(job);
            return;
        }
        try
        {
            job.Start(runtime.Settings.LoadTimeout);
            var summary = await runtime.Loader.LoadAsync(load, job.Id, new CallbackProgress(job.SetProgress), job.Token);
            job.Succeed(summary);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled();
        }
        catch (Exception e) when (job.Token.IsCancellationRequested)
        {
            // The token fired (cancel, wall-clock limit, stop) and what was running failed its own way (a database
            // error, a wrapped cancellation): the job ends as cancelled or load_timeout, not with the side effect.
            _log.LogInformation("Load job {JobId} stopped by its token ({Error})", job.Id, e.GetType().Name + ": " + e.Message);
            job.Cancelled();
        }
        catch (IngestException e)
        {
            job.Fail(e.Code, e.Message);
        }
        catch (Exception e) when (CopyErrors.IsDatabase(e))
        {
            job.Fail(IngestErrors.DatabaseUnavailable, "database_unavailable: " + PerfAspire.Schema.FailureCause.Describe(e));
        }
        catch (Exception e)
        {
            _log.LogError(e, "Load job {JobId} failed unexpectedly", job.Id);
            job.Fail(IngestErrors.IngestFailed, "ingest_failed: " + e.Message);
        }
        finally
        {
            _slots.Release();
            Unreserve(job);
        }
    }

    /// <summary>
    /// Cancels a queued or running job of this instance; its rows and bundle record are removed. Returns null for an
    /// unknown job; throws job_finished for one that already ended.
    /// </summary>
    public async Task<LoadJobStatus?> CancelAsync(string jobId, TimeSpan wait, CancellationToken ct = default)
    {
        if (!_jobs.TryGetValue(jobId, out var job))
        {
            var other = await GetAsync(jobId, ct);
            if (other is null) return null;
            if (other.FinishedAt is not null) throw Finished(other);
            throw new IngestException(IngestErrors.JobNotFound,
                $"job_not_found: job {jobId} runs in another ingest instance (or one that stopped); cancel it there", 404);
        }
        if (job.Finished) throw Finished(job.Status());
        job.RequestCancel();
        return await WaitAsync(jobId, wait, ct);

        static IngestException Finished(LoadJobStatus s) =>
            new(IngestErrors.JobFinished, $"job_finished: job {s.JobId} already ended ({s.State}); nothing to cancel", 409);
    }

    public async Task<LoadJobStatus?> GetAsync(string jobId, CancellationToken ct = default)
    {
        if (_jobs.TryGetValue(jobId, out var job)) return job.Status();
        var run = await runtime.Store.RunByJobAsync(jobId, ct);
        if (run is not { } r) return null;
        return new LoadJobStatus
        {
            JobId = jobId,
            State = r.State switch { JobStates.Running => JobStates.Running, JobStates.Succeeded => JobStates.Succeeded, _ => JobStates.Failed },
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
            if (_jobs.TryRemove(old.Id, out var gone)) gone.Forget();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    sealed class Job(string id, LoadRequest request, CancellationToken stopping)
    {
        readonly object _gate = new();
        readonly CancellationTokenSource _cts = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        string _state = JobStates.Queued;
        DateTimeOffset? _started;
        DateTimeOffset? _finished;
        LoadProgress? _progress;
        LoadSummary? _summary;
        string? _errorCode;
        string? _error;
        bool _cancelRequested;
        TimeSpan _timeout;
        int _reservationHeld = 1;

        public string Id => id;
        public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;
        public Task? Task { get; set; }
        public bool Finished { get { lock (_gate) return _finished is not null; } }
        public CancellationToken Token => _cts.Token;

        /// <summary>True exactly once: the caller gives the job's place in the queue back.</summary>
        public bool ReleaseReservation() => Interlocked.Exchange(ref _reservationHeld, 0) == 1;

        public void Start(TimeSpan timeout)
        {
            lock (_gate) { _state = JobStates.Running; _started = DateTimeOffset.UtcNow; _timeout = timeout; }
            _cts.CancelAfter(timeout);
        }

        public void RequestCancel()
        {
            lock (_gate) _cancelRequested = true;
            try { _cts.Cancel(); }
            catch (ObjectDisposedException) { } // forgotten meanwhile: it had finished
        }

        /// <summary>Ends the job after its token fired: by request, by the wall-clock limit, or because the service stops.</summary>
        public void Cancelled()
        {
            lock (_gate)
            {
                if (_cancelRequested) Finish(JobStates.Cancelled, IngestErrors.Cancelled, "cancelled: the load was cancelled on request; nothing of it was kept");
                else if (stopping.IsCancellationRequested) Finish(JobStates.Failed, IngestErrors.Cancelled, "cancelled: the ingest service is stopping; load the bundle again");
                else Finish(JobStates.Failed, IngestErrors.LoadTimeout,
                    $"load_timeout: the load ran longer than {_timeout.TotalMinutes:0} min (INGEST_LOAD_TIMEOUT_MINUTES) and was cancelled; nothing of it was kept. " +
                    "Load fewer categories or files (categories, max_files) or raise the limit");
            }
        }

        public void SetProgress(LoadProgress p) { lock (_gate) if (_finished is null) _progress = p; }

        public void Succeed(LoadSummary s)
        {
            lock (_gate)
            {
                _state = JobStates.Succeeded;
                _summary = s;
                _started ??= DateTimeOffset.UtcNow;
                _finished = DateTimeOffset.UtcNow;
                _progress = (_progress ?? new LoadProgress()) with { Phase = "done", Fraction = 1, EtaSeconds = 0 };
            }
        }

        /// <summary>Drops the link to the service's stopping token once the job is forgotten.</summary>
        public void Forget() => _cts.Dispose();

        public void Fail(string code, string message)
        {
            lock (_gate) Finish(JobStates.Failed, code, message);
        }

        void Finish(string state, string code, string message)
        {
            _state = state;
            _errorCode = code;
            _error = message;
            _finished = DateTimeOffset.UtcNow;
            if (_progress is not null) _progress = _progress with { Phase = "done", EtaSeconds = null };
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
