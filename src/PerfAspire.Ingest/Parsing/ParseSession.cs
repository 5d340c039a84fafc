using System.Text;
using System.Text.Unicode;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// The state of one parse: current epoch, open text block, scratch buffers, per-prefix accounting.
/// Line readers per record group live in the other parts of this class.
/// </summary>
internal sealed partial class ParseSession
{
    const int MaxCachedHandlers = 1024;
    const int MaxPrefixBytes = 64;

    readonly SchemaRegistry _registry;
    readonly ParserOptions _options;
    readonly IRowSink _sink;
    readonly ParseStats _stats;
    readonly LineTokens _tokens = new();
    readonly LabelCache _labels = new();
    readonly ByteKeyMap<LineHandler> _handlers = new(128);
    readonly string?[] _labelBuffer = new string?[8];
    readonly List<string> _keyWarnings = [];
    double[] _values = new double[128];

    long _lineNo;
    long? _ts;
    OpenBlock? _block;

    public ParseSession(SchemaRegistry registry, ParserOptions options, IRowSink sink, string fileName)
    {
        _registry = registry;
        _options = options;
        _sink = sink;
        _stats = new ParseStats { FileName = fileName };
        RegisterHandlers();
    }

    public ParseStats Run(Stream input, CancellationToken cancellationToken)
    {
        LineReader? reader = null;
        try
        {
            using var text = CompressionSniffer.Open(input, out var gzip);
            _stats.Gzip = gzip;
            reader = new LineReader(text, _options.MaxLineBytes, _options.ReadBufferBytes);
            while (reader.TryReadLine(out var line, out var status))
            {
                if ((_lineNo & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                OnLine(line, status);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A corrupt gzip member or a failing read ends this file; everything read so far is kept and accounted.
            _stats.StreamError = ex.Message;
            _stats.Warn(ex is InvalidDataException ? "corrupt_stream" : "read_error");
        }
        CloseBlock();
        _stats.BytesRead = reader?.BytesRead ?? 0;
        return _stats;
    }

    void OnLine(ReadOnlySpan<byte> line, LineStatus status)
    {
        _lineNo++;
        _stats.LinesRead++;

        if (status == LineStatus.TooLong)
        {
            CloseBlock();
            _stats.Warn("line_too_long");
            Malformed(StatsFor(PrefixNameOf(line)), line, $"line longer than {_options.MaxLineBytes} bytes");
            return;
        }

        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        _tokens.Split(line); // one pass: tokens, blank-ness and control bytes
        if (_tokens.Count == 0)
        {
            CloseBlock();
            _stats.BlankLines++;
            return;
        }

        if (status == LineStatus.Unterminated)
        {
            // ptop ends every line with '\n': a last line without one was cut when the collector stopped.
            CloseBlock();
            _stats.Warn("truncated_last_line");
            Malformed(StatsFor(PrefixNameOf(line)), line, "truncated at end of file");
            return;
        }

        if (_tokens.HasControlBytes)
        {
            CloseBlock();
            _stats.Warn("control_characters");
            Malformed(StatsFor(ParseStats.InvalidPrefix), line, "control characters or binary data");
            return;
        }

        var prefix = _tokens.Get(line, 0);
        if (!_handlers.TryGetValue(prefix, out var handler))
        {
            handler = Resolve(prefix);
            if (handler is null)
            {
                if (_block is not null && Utf8.IsValid(line))
                {
                    Continue(line);
                }
                else
                {
                    CloseBlock();
                    var invalidUtf8 = !Utf8.IsValid(line);
                    if (invalidUtf8) _stats.Warn("invalid_utf8");
                    Malformed(StatsFor(ParseStats.InvalidPrefix), line, invalidUtf8 ? "invalid UTF-8" : "unreadable prefix");
                }
                return;
            }
        }

        if (handler.Kind == LineKind.Unknown && _block is not null)
        {
            // Unprefixed continuation of an open DB/SNIC block.
            if (Utf8.IsValid(line)) Continue(line);
            else
            {
                _stats.Warn("invalid_utf8");
                Malformed(StatsFor(_block.Handler), line, "invalid UTF-8");
            }
            return;
        }

        CloseBlock();
        Dispatch(handler, line);
    }

    void Dispatch(LineHandler h, ReadOnlySpan<byte> line)
    {
        switch (h.Kind)
        {
            case LineKind.Time:
                OnTime(h, line);
                return;
            case LineKind.Ident:
                OnIdent(h, line);
                return;
            case LineKind.Args:
                OnArgs(h, line);
                return;
            case LineKind.TextBlock:
                OpenTextBlock(h, line);
                return;
            case LineKind.Text:
                TextLine(h, line);
                return;
            case LineKind.Unknown:
                _stats.Warn(h.Warning!);
                TextLine(h, line);
                return;
            case LineKind.Fpc when _tokens.Count > 1 && _tokens.Get(line, 1).SequenceEqual("Fast"u8):
                TextLine(h, line); // "FPC Fast path CPU usage:" header
                return;
            case LineKind.Net when _tokens.Count > 1 && _tokens.Get(line, 1).Length > 6 && _tokens.Get(line, 1).StartsWith("ifstat"u8):
                h = _netIfstat;
                break;
        }

        if (_ts is null)
        {
            var ps = StatsFor(h);
            ps.Lines++;
            ps.OrphanLines++;
            _stats.OrphanLines++;
            return;
        }

        var reason = ParseData(h, line);
        if (reason is null)
        {
            var ps = StatsFor(h);
            ps.Lines++;
            ps.DataLines++;
            _stats.DataLines++;
        }
        else
        {
            Malformed(StatsFor(h), line, reason);
        }
    }

    /// <summary>Finds a handler for a prefix token not in the table yet (pattern prefixes, new FP families, unknown ones).</summary>
    LineHandler? Resolve(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length > MaxPrefixBytes || !IsPrintableAscii(prefix)) return null;
        var token = Encoding.ASCII.GetString(prefix);
        LineHandler? h = null;
        if (token.StartsWith("IMCDR_FRR", StringComparison.Ordinal) && token.EndsWith("_STATS", StringComparison.Ordinal) && token.Length > 15)
            h = _imcdrFrr;
        else if (token.StartsWith("IMCDR_FRS", StringComparison.Ordinal) && token.EndsWith("_STATS", StringComparison.Ordinal) && token.Length > 15)
            h = _imcdrFrs;
        else if (token.StartsWith("VADP_", StringComparison.Ordinal) && token.Length > 5)
            h = new LineHandler(LineKind.Text, token);
        else if (token.Length > 3 && token.StartsWith("NET", StringComparison.Ordinal))
            h = token.Length > 9 && token.AsSpan(3).StartsWith("ifstat", StringComparison.Ordinal)
                ? new LineHandler(LineKind.NetGlued, _netIfstat.Name, _netIfstat.Layout, _netIfstat.Grammar) { FixedLabel = token[9..], Stats = StatsFor(_netIfstat) }
                : new LineHandler(LineKind.NetGlued, _net.Name, _net.Layout, _net.Grammar) { FixedLabel = token[3..], Stats = StatsFor(_net) };
        else if (DiscoveredNames.IsFastPathPrefix(token))
        {
            var layout = _registry.GetOrCreateFastPathTable(token, out var created);
            if (layout is not null)
            {
                if (created) _sink.OnSchemaChange(new SchemaChange(layout, null, null));
                h = new LineHandler(LineKind.FpKeyValue, token, layout) { Keys = KeyIndex(layout) };
            }
        }
        h ??= new LineHandler(LineKind.Unknown, token) { Warning = "unknown_prefix:" + token };
        if (_handlers.Count < MaxCachedHandlers) _handlers.Set(prefix, h);
        return h;
    }

    static bool IsPrintableAscii(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if (b is < 0x21 or > 0x7E) return false;
        }
        return true;
    }

    // ---- headers -------------------------------------------------------------------------------------------

    void OnTime(LineHandler h, ReadOnlySpan<byte> line)
    {
        long micros = 0;
        var ok = _tokens.Count >= 3 && TimeParser.TryParseEpoch(_tokens.Get(line, 2), out micros);
        if (!ok && _tokens.Count >= 5) ok = TimeParser.TryParseDateTime(_tokens.Get(line, 3), _tokens.Get(line, 4), out micros);
        if (!ok)
        {
            // Without a usable time the following data lines have none either: they become orphans, not guesses.
            _ts = null;
            Malformed(StatsFor(h), line, "TIME without a readable epoch or date/time");
            return;
        }
        _ts = micros;
        _stats.Epochs++;
        _stats.FirstTsMicros ??= micros;
        _stats.LastTsMicros = micros;
        Header(h);
    }

    void OnIdent(LineHandler h, ReadOnlySpan<byte> line)
    {
        if (_tokens.Count < 2)
        {
            Malformed(StatsFor(h), line, "IDENT without version");
            return;
        }
        var version = _labels.Get(_tokens.Get(line, 1));
        var host = _tokens.Count >= 3 ? _labels.Get(_tokens.Get(line, 2)) : PtopMetadata.Unknown;
        if (version is null || host is null)
        {
            Malformed(StatsFor(h), line, "invalid UTF-8");
            return;
        }
        Header(h);
        if (_stats.Metadata.PtopVersion == PtopMetadata.Unknown && _stats.Metadata.HostId == PtopMetadata.Unknown)
        {
            _stats.Metadata = _stats.Metadata with { PtopVersion = version, HostId = host };
            _sink.OnMetadata(_stats.Metadata);
        }
    }

    void OnArgs(LineHandler h, ReadOnlySpan<byte> line)
    {
        if (!TextLine(h, line)) return;
        double? interval = null;
        for (var i = 1; i < _tokens.Count; i++)
        {
            var t = _tokens.Get(line, i);
            if (t.Length < 2 || t[0] != (byte)'-' || t[1] != (byte)'d') continue;
            var number = t.Length > 2 ? t[2..] : i + 1 < _tokens.Count ? _tokens.Get(line, i + 1) : default;
            if (NumberParser.TryParse(number, out var seconds) && seconds > 0) interval = seconds;
        }
        var args = Encoding.UTF8.GetString(_tokens.Rest(line, 1));
        if (_stats.Metadata.Args is null)
        {
            _stats.Metadata = _stats.Metadata with { Args = args, IntervalSeconds = interval };
            _sink.OnMetadata(_stats.Metadata);
        }
    }

    void Header(LineHandler h)
    {
        var ps = StatsFor(h);
        ps.Lines++;
        ps.HeaderLines++;
        _stats.HeaderLines++;
    }

    // ---- text records --------------------------------------------------------------------------------------

    sealed class OpenBlock(LineHandler handler, long lineNo, long? ts, string firstLine)
    {
        public LineHandler Handler { get; } = handler;
        public long LineNo { get; set; } = lineNo;
        public long? Ts { get; } = ts;
        public StringBuilder Text { get; } = new StringBuilder(firstLine);
    }

    /// <summary>A one-line text record. Returns false (and counts the line malformed) when it is not valid UTF-8.</summary>
    bool TextLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        var ps = StatsFor(h);
        if (!Utf8.IsValid(line))
        {
            _stats.Warn("invalid_utf8");
            Malformed(ps, line, "invalid UTF-8");
            return false;
        }
        ps.Lines++;
        ps.TextLines++;
        _stats.TextLines++;
        EmitText(ps, _ts, h.Name, _lineNo, Encoding.UTF8.GetString(line));
        return true;
    }

    void OpenTextBlock(LineHandler h, ReadOnlySpan<byte> line)
    {
        var ps = StatsFor(h);
        if (!Utf8.IsValid(line))
        {
            _stats.Warn("invalid_utf8");
            Malformed(ps, line, "invalid UTF-8");
            return;
        }
        ps.Lines++;
        ps.TextLines++;
        _stats.TextLines++;
        _block = new OpenBlock(h, _lineNo, _ts, Encoding.UTF8.GetString(line));
    }

    void Continue(ReadOnlySpan<byte> line)
    {
        var block = _block!;
        var ps = StatsFor(block.Handler);
        ps.Lines++;
        ps.TextLines++;
        _stats.TextLines++;
        var text = Encoding.UTF8.GetString(line);
        if (block.Text.Length + 1 + text.Length > _options.MaxTextRecordChars)
        {
            // Bounded record size: the block continues in a new record of the same prefix.
            EmitText(ps, block.Ts, block.Handler.Name, block.LineNo, block.Text.ToString());
            block.Text.Clear().Append(text);
            block.LineNo = _lineNo;
            return;
        }
        block.Text.Append('\n').Append(text);
    }

    void CloseBlock()
    {
        if (_block is null) return;
        var block = _block;
        _block = null;
        EmitText(StatsFor(block.Handler), block.Ts, block.Handler.Name, block.LineNo, block.Text.ToString());
    }

    void EmitText(PrefixStats ps, long? ts, string prefix, long lineNo, string text)
    {
        _sink.OnText(ts, prefix, lineNo, text);
        ps.TextRecords++;
        _stats.TextRecords++;
    }

    // ---- accounting ----------------------------------------------------------------------------------------

    PrefixStats StatsFor(LineHandler h) => h.Stats ??= _stats.Prefix(h.Name);

    PrefixStats StatsFor(string prefix) => _stats.Prefix(prefix);

    string PrefixNameOf(ReadOnlySpan<byte> line)
    {
        var start = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
        if (start < 0) return ParseStats.InvalidPrefix;
        var rest = line[start..];
        var end = rest.IndexOfAny((byte)' ', (byte)'\t');
        var token = end < 0 ? rest : rest[..end];
        if (_handlers.TryGetValue(token, out var h)) return h.Name;
        return token.Length <= MaxPrefixBytes && IsPrintableAscii(token) && token.Length > 0 ? Encoding.ASCII.GetString(token) : ParseStats.InvalidPrefix;
    }

    void Malformed(PrefixStats ps, ReadOnlySpan<byte> line, string reason)
    {
        ps.Lines++;
        ps.MalformedLines++;
        _stats.MalformedLines++;
        if (ps.MalformedSamples.Count < PrefixStats.MaxSamples)
        {
            var cut = line[..Math.Min(line.Length, MalformedSample.MaxTextChars * 2)];
            var text = Encoding.UTF8.GetString(cut); // invalid bytes become U+FFFD: a sample is for reading
            if (text.Length > MalformedSample.MaxTextChars) text = text[..MalformedSample.MaxTextChars];
            ps.MalformedSamples.Add(new MalformedSample(_lineNo, text, reason));
        }
    }

    // ---- rows ----------------------------------------------------------------------------------------------

    /// <summary>The values scratch for <paramref name="layout"/>, all NaN (SQL NULL), sized to its current columns.</summary>
    Span<double> Values(TableLayout layout)
    {
        var n = layout.MetricCount;
        if (_values.Length < n) _values = new double[Math.Max(n, _values.Length * 2)];
        var span = _values.AsSpan(0, n);
        span.Fill(double.NaN);
        return span;
    }

    void Emit(LineHandler h, TableLayout layout, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
    {
        _sink.OnRow(layout, _ts!.Value, labels, values);
        StatsFor(h).Rows++;
        _stats.Rows++;
    }
}
