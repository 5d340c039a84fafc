using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Diagnostics;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Loading;

/// <summary>A load request after argument checks: the real path, the canonical categories and max_files.</summary>
public sealed record ValidatedLoad(LoadRequest Request, string RealPath, IReadOnlyList<string> Categories, int MaxFiles);

/// <summary>
/// One bundle load, end to end: resolve the path (allowed roots) → the
/// path_already_active fast path → discovery and identity → the content-hash lock → reuse, incremental categories
/// or a fresh ingestion → parse and COPY with progress → mark loaded and active, or delete the rows and mark failed.
/// </summary>
public sealed class BundleLoader
{
    public const string PathAlreadyActive = "path_already_active";

    readonly IngestSettings _settings;
    readonly BundleStore _store;
    readonly string _connectionString;
    readonly BundlePathPolicy _paths;
    readonly ITableEnsurer _ensurer;
    readonly ILogger _log;

    internal BundleLoader(IngestSettings settings, BundleStore store, string connectionString, BundlePathPolicy paths, ITableEnsurer ensurer,
        ILogger? log = null)
    {
        _settings = settings;
        _store = store;
        _connectionString = connectionString;
        _paths = paths;
        _ensurer = ensurer;
        _log = log ?? NullLogger.Instance;
    }

    public BundleStore Store => _store;

    /// <summary>Checks the arguments (max_files, categories, path and allowed roots); throws a specific <see cref="IngestException"/>.</summary>
    public ValidatedLoad Validate(LoadRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var maxFiles = BundleScanner.ValidateMaxFiles(request.MaxFiles);
        var categories = CategorySelection.Parse(request.Categories);
        var real = _paths.Resolve(request.Path);
        return new ValidatedLoad(request, real, categories, maxFiles);
    }

    /// <summary>
    /// The immediate answer for the path of the active bundle (warning <c>path_already_active</c>), or null when the
    /// load has to look at the content. Not used with force, nor when the request asks for more than the bundle has.
    /// </summary>
    public async Task<LoadSummary?> TryActivePathAsync(ValidatedLoad load, CancellationToken ct)
    {
        if (load.Request.Force) return null;
        var active = await _store.ActiveAsync(ct);
        if (active is null || active.State != BundleStore.Loaded || active.SourcePath != load.RealPath) return null;
        if (!CategorySelection.Covers(active.Categories, load.Categories)) return null;
        if (load.Request.MaxFiles is not null && active.MaxFiles is { } had && had < load.MaxFiles) return null;
        var summary = await _store.SummaryAsync(active.BundleId, ct) ?? FromInfo(active);
        IngestTelemetry.BundlesLoadedTotal.Add(1, new KeyValuePair<string, object?>("outcome", "reused"));
        return summary with
        {
            Reused = true,
            CategoriesIngested = [],
            Warnings = [PathAlreadyActive, .. summary.Warnings.Where(w => w != PathAlreadyActive)],
            DurationSeconds = 0,
            RowsPerSecond = 0,
        };
    }

    public async Task<LoadSummary> LoadAsync(LoadRequest request, string jobId, IProgress<LoadProgress>? progress = null, CancellationToken ct = default)
    {
        var load = Validate(request);
        return await TryActivePathAsync(load, ct) ?? await LoadAsync(load, jobId, progress, ct);
    }

    public async Task<LoadSummary> LoadAsync(ValidatedLoad load, string jobId, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        using var activity = IngestTelemetry.Source.StartActivity("bundle.load");
        activity?.SetTag("bundle.path", load.RealPath);
        activity?.SetTag("bundle.force", load.Request.Force);
        activity?.SetTag("job.id", jobId);

        var tracker = new LoadTracker { Phase = "discovering" };
        using var reporter = new ProgressReporter(tracker, progress, started);
        using var work = new WorkArea(_settings.WorkDirectory);
        var warnings = new BundleWarnings();

        var inventory = await Task.Run(() =>
        {
            using var walker = new BundleWalker(new DecompressionBudget(_settings.Limits), work, warnings);
            return BundleScanner.Scan(load.Request.Path, load.RealPath, load.MaxFiles, walker, warnings, ct);
        }, ct);
        activity?.SetTag("bundle.hash", inventory.Hash);
        activity?.SetTag("bundle.logs", inventory.Selected.Count);

        await using var hashLock = await BundleLock.AcquireAsync(_connectionString, inventory.Hash, () => tracker.Phase = "waiting_for_lock", _settings.LockWait, ct);
        tracker.Phase = "deciding";

        var existing = await _store.ByHashAsync(inventory.Hash, ct);
        foreach (var stale in existing.Where(b => b.State == BundleStore.Loading))
        {
            // We hold the content lock, so nobody is writing these: leftovers of a crashed process.
            await CleanUpFailedAsync(stale.BundleId, "abandoned by an interrupted load", ct);
        }

        BundleInfo? target = null;
        var selectedPaths = inventory.Selected.Select(s => s.MemberPath).ToList();
        if (!load.Request.Force)
        {
            foreach (var candidate in existing.Where(b => b.State == BundleStore.Loaded))
            {
                var files = await _store.FilesAsync(candidate.BundleId, ct);
                if (!selectedPaths.All(files.Contains)) continue;
                target = candidate;
                break;
            }
        }

        if (target is not null && CategorySelection.Covers(target.Categories, load.Categories))
        {
            await _store.SetActiveAsync(target.BundleId, ct);
            var stored = await _store.SummaryAsync(target.BundleId, ct) ?? FromInfo(target);
            activity?.SetTag("bundle.id", target.BundleId);
            activity?.SetTag("bundle.reused", true);
            IngestTelemetry.BundlesLoadedTotal.Add(1, new KeyValuePair<string, object?>("outcome", "reused"));
            _log.LogInformation("Reused bundle {BundleId} for {Path}", target.BundleId, load.RealPath);
            return stored with
            {
                Reused = true,
                CategoriesIngested = [],
                Warnings = [.. warnings.ToList()],
                DurationSeconds = started.Elapsed.TotalSeconds,
                RowsPerSecond = 0,
            };
        }

        var incremental = target is not null;
        var bundleId = target?.BundleId ?? NewBundleId(inventory.Hash);
        var toIngest = incremental ? CategorySelection.Normalize(load.Categories.Except(target!.Categories)) : load.Categories;
        activity?.SetTag("bundle.id", bundleId);
        activity?.SetTag("bundle.incremental", incremental);
        activity?.SetTag("bundle.categories", string.Join(",", toIngest));

        if (incremental)
        {
            // Rows of these categories can only be leftovers of an earlier failed attempt.
            await _store.DeleteRowsAsync(bundleId, CategorySelection.SpecTables(toIngest), ct);
        }
        else
        {
            await _store.InsertLoadingAsync(new BundleInfo
            {
                BundleId = bundleId,
                BundleHash = inventory.Hash,
                SourcePath = inventory.Path,
                SourceKind = inventory.Kind.Wire(),
                Sptid = inventory.Sptid,
                Host = inventory.Host,
                HostId = inventory.HostId,
                PtopVersion = inventory.PtopVersion,
                SampleIntervalSeconds = inventory.SampleIntervalSeconds,
                Categories = toIngest,
                State = BundleStore.Loading,
                MaxFiles = load.MaxFiles,
            }, inventory.Args, CancellationToken.None);
        }
        // Not cancellable: a cancel between the bundle record and the try below would leave the record behind.
        var runId = await _store.StartRunAsync(bundleId, jobId, toIngest, CancellationToken.None);
        reporter.Persist = p => _store.UpdateRunProgressAsync(runId, p, CancellationToken.None);

        var columnstore = await Columnstore.EnabledAsync(_store.DataSource, _settings.Database, ct);
        activity?.SetTag("bundle.columnstore", columnstore);
        IngestOutcome outcome;
        try
        {
            tracker.Phase = "ingesting";
            outcome = await IngestAsync(inventory, work, warnings, bundleId, toIngest, includeText: !incremental, columnstore, tracker, activity, ct);
            var attempted = outcome.Ledger.RowsCommitted + outcome.Ledger.RowsRejected;
            if (outcome.Ledger.RowsRejected > 0 && outcome.Ledger.RowsRejected > _settings.MaxRejectedRatio * Math.Max(1, attempted))
            {
                throw new IngestException(IngestErrors.IngestFailed,
                    $"ingest_failed: the database rejected {outcome.Ledger.RowsRejected} of {attempted} rows, more than INGEST_MAX_REJECTED_RATIO={_settings.MaxRejectedRatio} " +
                    $"(first: {outcome.Ledger.RejectSamples.FirstOrDefault()})", 500);
            }
        }
        catch (Exception e)
        {
            var error = e is IngestException ie ? ie.Message : e is OperationCanceledException ? "cancelled" : $"ingest_failed: {e.Message}";
            tracker.Phase = "cleaning_up";
            activity?.SetStatus(ActivityStatusCode.Error, error);
            IngestTelemetry.BundlesLoadedTotal.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            _log.LogWarning("Load of {Path} as {BundleId} failed: {Error}", load.RealPath, bundleId, error);
            if (incremental)
            {
                var written = tracker.Ledger?.CommittedPerTable().Keys ?? [];
                await Retry(() => _store.DeleteRowsAsync(bundleId, CategorySelection.SpecTables(toIngest).Concat(written), CancellationToken.None));
                await Retry(() => _store.FinishRunAsync(runId, JobStates.Failed, null, error, CancellationToken.None));
            }
            else if (e is OperationCanceledException)
            {
                // A cancelled (or timed-out) load leaves nothing: no rows, no bundle record, no run.
                await Retry(() => _store.DeleteRowsAsync(bundleId, null, CancellationToken.None));
                await Retry(() => _store.DeleteBundleAsync(bundleId, CancellationToken.None));
            }
            else
            {
                await CleanUpFailedAsync(bundleId, error, CancellationToken.None);
                await Retry(() => _store.FinishRunAsync(runId, JobStates.Failed, null, error, CancellationToken.None));
            }
            if (e is IngestException) throw;
            if (e is OperationCanceledException) throw;
            if (Find<PerfAspire.Schema.Database.SchemaAutoUpdateException>(e) is { Code: PerfAspire.Schema.Database.SchemaAutoUpdateException.ColumnCapCode } cap)
            {
                throw new IngestException(cap.Code, cap.Message, 422, e);
            }
            throw new IngestException(IngestErrors.IngestFailed, error, 500, e);
        }

        if (columnstore)
        {
            tracker.Phase = "compressing";
            await CompressAsync(bundleId, outcome.Ledger.CommittedPerTable().Keys, warnings, ct);
        }

        tracker.Phase = "finishing";
        var summary = BuildSummary(inventory, warnings, bundleId, toIngest, outcome, started.Elapsed);
        if (incremental)
        {
            var previous = await _store.SummaryAsync(bundleId, ct) ?? FromInfo(target!);
            summary = Merge(previous, summary);
        }
        try
        {
            await RetryOrThrow(() => _store.MarkLoadedAsync(summary, [.. outcome.Files.Select(f => (ToLoadedFile(f), (long?)f.Candidate.Size, f.Candidate.Sha256))], outcome.Series, ct));
        }
        catch (Exception e)
        {
            // Without its 'loaded' mark the bundle must not keep rows that look half-finished.
            if (incremental) await Retry(() => _store.DeleteRowsAsync(bundleId, CategorySelection.SpecTables(toIngest).Concat(outcome.Ledger.CommittedPerTable().Keys), CancellationToken.None));
            else await CleanUpFailedAsync(bundleId, "ingest_failed: could not record the finished load: " + e.Message, CancellationToken.None);
            await Retry(() => _store.FinishRunAsync(runId, JobStates.Failed, null, e.Message, CancellationToken.None));
            throw new IngestException(IngestErrors.DatabaseUnavailable, "database_unavailable: could not record the finished load: " + e.Message, 503, e);
        }
        await Retry(() => _store.FinishRunAsync(runId, JobStates.Succeeded, summary, null, CancellationToken.None));
        IngestTelemetry.BundlesLoadedTotal.Add(1, new KeyValuePair<string, object?>("outcome", "ingested"));
        activity?.SetTag("bundle.rows", summary.MetricsIngested.Rows);
        tracker.Phase = "done";
        _log.LogInformation("Loaded {BundleId} from {Path}: {Rows} rows in {Seconds:F1} s", bundleId, load.RealPath, summary.MetricsIngested.Rows, summary.DurationSeconds);
        return summary;
    }

    sealed record IngestOutcome(IReadOnlyList<FileResult> Files, WriteLedger Ledger, DateTimeOffset? TimeStart, DateTimeOffset? TimeEnd, long FilteredOut,
        BundleSeriesRows Series);

    /// <summary>
    /// The load's finishing step on TimescaleDB: whatever of the bundle is still in the row store (rows that went to
    /// a chunk's uncompressed part) is compressed before the bundle is marked loaded. A failure here leaves correct
    /// rows, only not all compressed: the load still succeeds, with the warning <c>columnstore_incomplete</c>.
    /// </summary>
    async Task CompressAsync(string bundleId, IEnumerable<string> tables, BundleWarnings warnings, CancellationToken ct)
    {
        var store = new Columnstore(_store.DataSource, _settings.Database.Schema);
        var targets = tables.Where(t => t != CommonColumns.TextRecordsTable).ToList();
        try
        {
            var started = Stopwatch.StartNew();
            var chunks = 0;
            await RetryOrThrow(async () => chunks = await store.CompressBundleAsync(bundleId, targets, ct));
            _log.LogInformation("Compressed {Chunks} chunks of {BundleId} in {Seconds:F1} s", chunks, bundleId, started.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning("Bundle {BundleId} stays partly in the row store: compressing its chunks failed: {Error}", bundleId, e.Message);
            warnings.Add(ColumnstoreIncomplete);
        }
    }

    public const string ColumnstoreIncomplete = "columnstore_incomplete";

    async Task<IngestOutcome> IngestAsync(BundleInventory inventory, WorkArea work, BundleWarnings warnings, string bundleId,
        IReadOnlyList<string> categories, bool includeText, bool directCompress, LoadTracker tracker, Activity? activity, CancellationToken ct)
    {
        var registry = new SchemaRegistry(SchemaSpec.Default, _settings.Database.SchemaAutoUpdate);
        var parser = new PtopParser(registry);
        var wanted = categories.ToHashSet(StringComparer.Ordinal);
        var columns = new BundleColumns(bundleId, inventory.Sptid, inventory.Host);
        await using var pipeline = new CopyPipeline(_settings, _connectionString, columns, g => wanted.Contains(g.Filter), includeText, _ensurer, ct,
            directCompress);
        tracker.Ledger = pipeline.Ledger;
        tracker.Sink = pipeline.Sink;

        var parse = Task.Factory.StartNew(() =>
        {
            using var walker = new BundleWalker(new DecompressionBudget(_settings.Limits), work, warnings);
            return new LogIngestor(inventory, walker, work, parser, pipeline.Sink, tracker, activity).Run(pipeline.Token);
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        IReadOnlyList<FileResult> files;
        try
        {
            files = await parse;
        }
        catch (Exception)
        {
            await pipeline.AbortAsync();
            pipeline.ThrowIfFailed();
            throw;
        }
        await pipeline.CompleteAsync();
        var encoded = pipeline.Sink.RowsPerTable();
        return new IngestOutcome(files, pipeline.Ledger, pipeline.Sink.TimeStart, pipeline.Sink.TimeEnd, pipeline.Sink.RowsFilteredOut,
            BundleSeriesRows.From(pipeline.Sink.Rollups, table => pipeline.Ledger.CommittedIn(table) == encoded.GetValueOrDefault(table)));
    }

    LoadSummary BuildSummary(BundleInventory inventory, BundleWarnings warnings, string bundleId, IReadOnlyList<string> categories,
        IngestOutcome outcome, TimeSpan elapsed)
    {
        var perTable = outcome.Ledger.CommittedPerTable();
        var textRows = perTable.GetValueOrDefault(CommonColumns.TextRecordsTable);
        var metricRows = perTable.Where(kv => kv.Key != CommonColumns.TextRecordsTable).Sum(kv => kv.Value);

        var malformedByPrefix = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var malformedSamples = new List<string>();
        var unknownByToken = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var metadata = (PtopMetadata?)null;
        foreach (var f in outcome.Files)
        {
            metadata ??= f.Stats.Metadata.PtopVersion != PtopMetadata.Unknown ? f.Stats.Metadata : null;
            foreach (var (prefix, p) in f.Stats.Prefixes)
            {
                if (p.MalformedLines > 0) malformedByPrefix[prefix] = malformedByPrefix.GetValueOrDefault(prefix) + p.MalformedLines;
                foreach (var sample in p.MalformedSamples)
                {
                    if (malformedSamples.Count < 10) malformedSamples.Add($"{f.Candidate.FileName}:{sample.LineNo}: {sample.Reason}: {sample.Text}");
                }
            }
            foreach (var (token, count) in f.Stats.Warnings)
            {
                if (token.StartsWith("unknown_prefix:", StringComparison.Ordinal) || token.StartsWith("unknown_key:", StringComparison.Ordinal))
                {
                    unknownByToken[token] = unknownByToken.GetValueOrDefault(token) + count;
                }
                else warnings.Add($"{token}:{f.Candidate.FileName}");
            }
            if (f.Stats.StreamError is not null) warnings.Add($"stream_error:{f.Candidate.FileName}");
        }
        if (outcome.Ledger.RowsRejected > 0) warnings.Add($"rows_rejected:{outcome.Ledger.RowsRejected}");
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        return new LoadSummary
        {
            BundleId = bundleId,
            BundleHash = inventory.Hash,
            Sptid = inventory.Sptid,
            Host = inventory.Host,
            HostId = inventory.HostId ?? (metadata?.HostId is { } h && h != PtopMetadata.Unknown ? h : null),
            PtopVersion = inventory.PtopVersion ?? metadata?.PtopVersion,
            SampleIntervalSeconds = inventory.SampleIntervalSeconds ?? (metadata?.IntervalSeconds is { } s ? (int)Math.Round(s) : null),
            SourcePath = inventory.Path,
            SourceKind = inventory.Kind.Wire(),
            State = BundleStore.Loaded,
            Reused = false,
            Categories = categories,
            CategoriesIngested = categories,
            LogsProcessed = outcome.Files.Count,
            Files = [.. outcome.Files.Select(ToLoadedFile)],
            MetricsIngested = new MetricsIngested(metricRows, outcome.Ledger.ValuesCommitted),
            TextRecords = textRows,
            TimeStart = outcome.TimeStart,
            TimeEnd = outcome.TimeEnd,
            RowsPerTable = new SortedDictionary<string, long>(perTable.ToDictionary(), StringComparer.Ordinal),
            Malformed = new LineIssues(malformedByPrefix.Values.Sum(), malformedByPrefix, malformedSamples),
            Unknown = new LineIssues(unknownByToken.Values.Sum(), unknownByToken, [.. unknownByToken.Keys.Take(10)]),
            RowsRejected = outcome.Ledger.RowsRejected,
            RejectedSamples = outcome.Ledger.RejectSamples,
            Retries = outcome.Ledger.Retries,
            Warnings = warnings.ToList(),
            DurationSeconds = elapsed.TotalSeconds,
            RowsPerSecond = (metricRows + textRows) / seconds,
            LoadedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>An incremental load adds tables (and categories) to what the bundle already holds.</summary>
    static LoadSummary Merge(LoadSummary previous, LoadSummary added)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (t, n) in previous.RowsPerTable) rows[t] = n;
        foreach (var (t, n) in added.RowsPerTable) rows[t] = rows.GetValueOrDefault(t) + n;
        var files = previous.Files.ToDictionary(f => f.MemberPath, StringComparer.Ordinal);
        foreach (var f in added.Files)
        {
            files[f.MemberPath] = files.TryGetValue(f.MemberPath, out var old) ? old with { Rows = old.Rows + f.Rows, TextRecords = old.TextRecords + f.TextRecords } : f;
        }
        return added with
        {
            Categories = CategorySelection.Normalize(previous.Categories.Concat(added.Categories)),
            Files = [.. files.Values.OrderBy(f => f.FileTime)],
            MetricsIngested = new MetricsIngested(previous.MetricsIngested.Rows + added.MetricsIngested.Rows, previous.MetricsIngested.Values + added.MetricsIngested.Values),
            TextRecords = previous.TextRecords + added.TextRecords,
            TimeStart = Min(previous.TimeStart, added.TimeStart),
            TimeEnd = Max(previous.TimeEnd, added.TimeEnd),
            RowsPerTable = rows,
            RowsRejected = previous.RowsRejected + added.RowsRejected,
            Sptid = previous.Sptid ?? added.Sptid,
            Host = previous.Host,
            HostId = previous.HostId ?? added.HostId,
            PtopVersion = previous.PtopVersion ?? added.PtopVersion,
            SampleIntervalSeconds = previous.SampleIntervalSeconds ?? added.SampleIntervalSeconds,
            Warnings = [.. previous.Warnings.Concat(added.Warnings).Distinct()],
        };

        static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
        static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }

    static LoadedFile ToLoadedFile(FileResult f) => new(
        f.Candidate.MemberPath, f.Candidate.FileName, new DateTimeOffset(f.Candidate.StartUtc, TimeSpan.Zero), f.Stats.LinesRead,
        f.Rows, f.TextRecords, f.Stats.MalformedLines, f.Stats.OrphanLines, f.Stats.StreamError);

    static LoadSummary FromInfo(BundleInfo b) => new()
    {
        BundleId = b.BundleId,
        BundleHash = b.BundleHash,
        Sptid = b.Sptid,
        Host = b.Host,
        HostId = b.HostId,
        PtopVersion = b.PtopVersion,
        SampleIntervalSeconds = b.SampleIntervalSeconds,
        SourcePath = b.SourcePath,
        SourceKind = b.SourceKind ?? "unknown",
        State = b.State,
        Categories = b.Categories,
        LogsProcessed = b.LogsProcessed,
        MetricsIngested = new MetricsIngested(b.RowsTotal, b.ValuesTotal),
        TimeStart = b.TimeStart,
        TimeEnd = b.TimeEnd,
        LoadedAt = b.LoadedAt,
    };

    /// <summary>Deletes every row of a bundle and marks it failed; retried so a database blip does not leave rows behind.</summary>
    async Task CleanUpFailedAsync(string bundleId, string error, CancellationToken ct)
    {
        await Retry(() => _store.DeleteRowsAsync(bundleId, null, ct));
        await Retry(() => _store.MarkFailedAsync(bundleId, error, ct));
    }

    /// <summary>Clean-up and bookkeeping after a load: retried longer than a batch, then given up with a log line.</summary>
    async Task Retry(Func<Task> action)
    {
        try
        {
            await DatabaseRetry.Pipeline(_settings.CopyRetries + 4, _settings.RetryBaseDelay, CopyWriter.IsTransient)
                .ExecuteAsync(async _ => await action(), CancellationToken.None);
        }
        catch (Exception e) when (CopyWriter.IsTransient(e))
        {
            // The database stays unreachable: the bundle keeps state 'loading' (never 'loaded'), and the
            // janitor of the retention job cleans it once its content lock is free.
            _log.LogError(e, "Clean-up could not reach the database");
        }
    }

    async Task Retry<T>(Func<Task<T>> action) => await Retry(async () => { await action(); });

    /// <summary>A step the load cannot do without (marking it loaded): retried like a batch, then the failure stands.</summary>
    Task RetryOrThrow(Func<Task> action) =>
        DatabaseRetry.Pipeline(_settings.CopyRetries, _settings.RetryBaseDelay, CopyWriter.IsTransient)
            .ExecuteAsync(async _ => await action(), CancellationToken.None).AsTask();

    /// <summary>Unique per load, readable, and starting with the content hash: <c>&lt;hash12&gt;-&lt;yyyyMMddTHHmmssZ&gt;-&lt;4 hex&gt;</c>.</summary>
    internal static string NewBundleId(string hash) =>
        $"{hash[..12]}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.Next(0x10000):x4}";

    /// <summary>The first <typeparamref name="T"/> in an exception's chain (the COPY pipeline wraps what its writers threw).</summary>
    static T? Find<T>(Exception? e) where T : Exception => e switch
    {
        null => null,
        T t => t,
        AggregateException a => a.InnerExceptions.Select(Find<T>).FirstOrDefault(x => x is not null),
        _ => Find<T>(e.InnerException),
    };
}
