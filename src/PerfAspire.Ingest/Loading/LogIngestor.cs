using System.Diagnostics;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Diagnostics;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Ingest.Writing;

namespace PerfAspire.Ingest.Loading;

/// <summary>The outcome of one ingested log.</summary>
internal sealed record FileResult(LogCandidate Candidate, ParseStats Stats, long Rows, long TextRecords);

/// <summary>
/// The second pass over a bundle: feeds the selected logs to the parser oldest first, streaming each one straight
/// from its container. A random-access member (a file, a zip entry) met before its turn is simply opened again
/// later; a tar member met early is copied to the private work area and read from there when its turn comes.
/// Runs on the parser thread.
/// </summary>
internal sealed class LogIngestor(BundleInventory inventory, BundleWalker walker, WorkArea work, PtopParser parser, IngestSink sink,
    LoadTracker tracker, Activity? parent)
{
    readonly List<FileResult> _results = [];
    readonly Dictionary<int, Func<Stream>> _later = [];
    int _next;

    public IReadOnlyList<FileResult> Run(CancellationToken ct)
    {
        var selected = inventory.Selected;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < selected.Count; i++) index[selected[i].MemberPath] = i;
        tracker.FileCount = selected.Count;
        tracker.BytesTotal = inventory.SelectedBytes;

        walker.Walk(inventory.Path, inventory.Kind, member =>
        {
            ct.ThrowIfCancellationRequested();
            if (!index.TryGetValue(member.Path, out var i) || i < _next || _later.ContainsKey(i)) return;
            if (i == _next)
            {
                using (var s = member.Open()) Ingest(i, s, ct);
                Drain(ct);
            }
            else if (member.Reopen is { } reopen)
            {
                _later[i] = reopen;
            }
            else
            {
                var file = work.NewFile(selected[i].Gzip ? ".log.gz" : ".log");
                using (var s = member.Open())
                using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    s.CopyTo(output);
                }
                _later[i] = () => new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
        });
        Drain(ct);
        if (_next < selected.Count)
        {
            throw new IngestException(IngestErrors.BundleChanged,
                $"bundle_changed: {selected[_next].MemberPath} was listed during discovery but is gone; the bundle changed while loading");
        }
        return _results;
    }

    void Drain(CancellationToken ct)
    {
        while (_next < inventory.Selected.Count && _later.Remove(_next, out var open))
        {
            using var s = open();
            Ingest(_next, s, ct);
        }
    }

    void Ingest(int i, Stream raw, CancellationToken ct)
    {
        var candidate = inventory.Selected[i];
        using var activity = IngestTelemetry.Source.StartActivity("bundle.file", ActivityKind.Internal, parent?.Context ?? default);
        activity?.SetTag("file.name", candidate.FileName);
        activity?.SetTag("file.member_path", candidate.MemberPath);
        activity?.SetTag("file.index", i + 1);

        var counting = new CountingStream(raw, leaveOpen: true);
        using var text = new ProgressStream(walker.OpenLog(counting, candidate.Gzip, candidate.MemberPath));
        tracker.BeginFile(i + 1, candidate.FileName, counting, text);
        sink.BeginFile(candidate.FileName);
        ParseStats stats;
        try
        {
            stats = parser.Parse(text, candidate.FileName, sink, ct);
        }
        finally
        {
            tracker.EndFile();
        }
        activity?.SetTag("file.lines", stats.LinesRead);
        activity?.SetTag("file.rows", sink.FileRows);
        activity?.SetTag("file.malformed_lines", stats.MalformedLines);
        if (stats.StreamError is not null) activity?.SetStatus(ActivityStatusCode.Error, stats.StreamError);
        _results.Add(new FileResult(candidate, stats, sink.FileRows, sink.FileText));
        _next = i + 1;
    }
}
