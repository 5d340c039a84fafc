using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Writing;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Shared, lock-free view of where a load is: written by the parser thread, read by the progress reporter.
/// </summary>
internal sealed class LoadTracker
{
    volatile string _phase = "queued";
    volatile string? _fileName;
    volatile CountingStream? _raw;
    volatile ProgressStream? _text;
    int _fileIndex;
    long _bytesDone;
    long _linesDone;

    public string Phase
    {
        get => _phase;
        set
        {
            if (value == "ingesting" && IngestStartedTicks == 0) IngestStartedTicks = System.Diagnostics.Stopwatch.GetTimestamp();
            _phase = value;
        }
    }

    /// <summary>Stopwatch timestamp when ingestion (parse + COPY) began; 0 before.</summary>
    public long IngestStartedTicks { get; private set; }

    public WriteLedger? Ledger { get; set; }

    public IngestSink? Sink { get; set; }

    public string? FileName => _fileName;

    public int FileIndex => Volatile.Read(ref _fileIndex);

    public int FileCount { get; set; }

    public long BytesTotal { get; set; }

    public long BytesRead => Interlocked.Read(ref _bytesDone) + (_raw?.BytesRead ?? 0);

    public long Lines => Interlocked.Read(ref _linesDone) + (_text?.Lines ?? 0);

    public void BeginFile(int index, string name, CountingStream raw, ProgressStream text)
    {
        _fileName = name;
        _raw = raw;
        _text = text;
        Volatile.Write(ref _fileIndex, index);
    }

    public void EndFile()
    {
        var raw = _raw;
        var text = _text;
        _raw = null;
        _text = null;
        Interlocked.Add(ref _bytesDone, raw?.BytesRead ?? 0);
        Interlocked.Add(ref _linesDone, text?.Lines ?? 0);
    }
}
