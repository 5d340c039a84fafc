using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Streaming parser of one ptop log (plain or gzip, detected by magic bytes). Reads the stream once through a
/// bounded buffer, emits typed rows and text records through an <see cref="IRowSink"/> in file order, and returns
/// the accounting of every line. Never throws for bad content: unreadable lines are counted as malformed; an
/// unreadable stream (corrupt gzip, I/O error) ends the parse with <see cref="ParseStats.StreamError"/> set.
/// Thread-safe: one parser can run many parses at once (each has its own state); the registry is shared.
/// </summary>
public sealed class PtopParser(SchemaRegistry registry, ParserOptions? options = null)
{
    public SchemaRegistry Registry { get; } = registry;

    public ParserOptions Options { get; } = options ?? ParserOptions.Default;

    /// <summary>Parses <paramref name="input"/> (not closed). <paramref name="fileName"/> is only recorded in the stats.</summary>
    public ParseStats Parse(Stream input, string fileName, IRowSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var session = new ParseSession(Registry, Options, sink, fileName);
        return session.Run(input, cancellationToken);
    }

    /// <summary>Opens and parses a file from disk.</summary>
    public ParseStats ParseFile(string path, IRowSink sink, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Parse(stream, Path.GetFileName(path), sink, cancellationToken);
    }
}
