using System.Diagnostics;
using PerfAspire.Ingest.Client;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Turns a <see cref="LoadTracker"/> into <see cref="LoadProgress"/> snapshots: to the caller four times a second,
/// and into ingest_runs every two seconds (so a job can be followed from another process). Best effort: a failing
/// progress write never fails the load.
/// </summary>
internal sealed class ProgressReporter : IDisposable
{
    readonly LoadTracker _tracker;
    readonly IProgress<LoadProgress>? _progress;
    readonly Stopwatch _started;
    readonly Timer _timer;
    int _ticks;
    int _persisting;

    public ProgressReporter(LoadTracker tracker, IProgress<LoadProgress>? progress, Stopwatch started)
    {
        _tracker = tracker;
        _progress = progress;
        _started = started;
        _timer = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public Func<LoadProgress, Task>? Persist { get; set; }

    public LoadProgress Snapshot()
    {
        var t = _tracker;
        var sink = t.Sink;
        var ledger = t.Ledger;
        var written = ledger?.RowsCommitted ?? 0;
        var ingestSeconds = t.IngestStartedTicks == 0 ? 0 : Stopwatch.GetElapsedTime(t.IngestStartedTicks).TotalSeconds;
        var bytes = t.BytesRead;
        var fraction = t.BytesTotal > 0 ? Math.Clamp((double)bytes / t.BytesTotal, 0, 1) : 0;
        if (t.Phase is "compressing" or "finishing" or "done") fraction = 1;
        double? eta = fraction is > 0.005 and < 1 && ingestSeconds > 0 ? ingestSeconds * (1 - fraction) / fraction : null;
        return new LoadProgress
        {
            Phase = t.Phase,
            FileIndex = t.FileIndex,
            FileCount = t.FileCount,
            FileName = t.FileName,
            Lines = t.Lines,
            RowsParsed = (sink?.RowsKept ?? 0) + (sink?.TextRecords ?? 0),
            RowsWritten = written,
            BytesRead = bytes,
            BytesTotal = t.BytesTotal,
            RowsPerSecond = ingestSeconds > 0 ? written / ingestSeconds : 0,
            Fraction = fraction,
            EtaSeconds = eta,
            ElapsedSeconds = _started.Elapsed.TotalSeconds,
        };
    }

    void Tick()
    {
        var snapshot = Snapshot();
        try { _progress?.Report(snapshot); } catch (Exception) { /* a failing observer must not stop the load */ }
        if (++_ticks % 8 == 0 && Persist is { } persist && Interlocked.Exchange(ref _persisting, 1) == 0)
        {
            _ = persist(snapshot).ContinueWith(_ => Volatile.Write(ref _persisting, 0), TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        try { _progress?.Report(Snapshot()); } catch (Exception) { /* idem */ }
    }
}
