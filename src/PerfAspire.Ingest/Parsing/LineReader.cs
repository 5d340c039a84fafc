namespace PerfAspire.Ingest.Parsing;

internal enum LineStatus
{
    /// <summary>A complete line ending in '\n'.</summary>
    Terminated,
    /// <summary>The last line of the stream, without '\n' (collector killed mid-write).</summary>
    Unterminated,
    /// <summary>A line longer than the cap: its content was discarded; the span holds its first bytes as a sample.</summary>
    TooLong,
}

/// <summary>
/// Splits a byte stream into lines over one reusable buffer. Memory is bounded by the buffer: a line longer than
/// the cap is skipped to its end and reported as <see cref="LineStatus.TooLong"/> with a short sample.
/// </summary>
internal sealed class LineReader
{
    const int SampleBytes = 256;

    readonly Stream _stream;
    readonly int _maxLineBytes;
    readonly byte[] _buffer;
    readonly byte[] _sample = new byte[SampleBytes];
    int _start;
    int _end;
    int _scanned; // bytes after _start known to hold no '\n'
    bool _eof;

    public LineReader(Stream stream, int maxLineBytes, int bufferBytes = 1 << 20)
    {
        _stream = stream;
        _maxLineBytes = Math.Max(maxLineBytes, 16);
        _buffer = new byte[Math.Max(bufferBytes, _maxLineBytes + 1)];
    }

    /// <summary>Bytes consumed from the stream so far.</summary>
    public long BytesRead { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line, out LineStatus status)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned);
            var nl = pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var length = _scanned + nl;
                line = _buffer.AsSpan(_start, length);
                _start += length + 1;
                _scanned = 0;
                if (length > _maxLineBytes)
                {
                    line = Sample(line);
                    status = LineStatus.TooLong;
                    return true;
                }
                status = LineStatus.Terminated;
                return true;
            }
            _scanned = _end - _start;

            if (_scanned > _maxLineBytes)
            {
                // Too long: keep a sample, then drop everything up to the next '\n' without buffering it.
                var sample = Sample(_buffer.AsSpan(_start, _scanned));
                SkipToNewline();
                line = sample;
                status = LineStatus.TooLong;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    _scanned = 0;
                    status = LineStatus.Unterminated;
                    return true;
                }
                line = default;
                status = default;
                return false;
            }
            Fill();
        }
    }

    ReadOnlySpan<byte> Sample(ReadOnlySpan<byte> line)
    {
        var n = Math.Min(line.Length, SampleBytes);
        line[..n].CopyTo(_sample);
        return _sample.AsSpan(0, n);
    }

    void Fill()
    {
        if (_start > 0)
        {
            var live = _end - _start;
            if (live > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
            _start = 0;
            _end = live;
        }
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n <= 0) _eof = true;
        else
        {
            _end += n;
            BytesRead += n;
        }
    }

    void SkipToNewline()
    {
        _start = _end = _scanned = 0;
        while (true)
        {
            var n = _stream.Read(_buffer, 0, _buffer.Length);
            if (n <= 0)
            {
                _eof = true;
                return;
            }
            BytesRead += n;
            var nl = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _start = nl + 1;
                _end = n;
                return;
            }
        }
    }
}
