using System.Buffers;
using System.Buffers.Text;

namespace PerfAspire.Ingest.Generation;

/// <summary>Writes ASCII log lines straight into a byte buffer (the large preset writes hundreds of MB).</summary>
internal sealed class LineWriter(Stream output) : IDisposable
{
    static readonly StandardFormat[] Fixed = [.. Enumerable.Range(0, 10).Select(d => new StandardFormat('F', (byte)d))];

    readonly byte[] _buffer = new byte[1 << 16];
    int _pos;

    public long Lines { get; private set; }

    public long Bytes { get; private set; }

    void Ensure(int n)
    {
        if (_pos + n > _buffer.Length) Flush();
    }

    public LineWriter S(string text)
    {
        Ensure(text.Length);
        if (text.Length > _buffer.Length) throw new ArgumentException("line part too long");
        foreach (var c in text) _buffer[_pos++] = (byte)c;
        return this;
    }

    public LineWriter I(long value)
    {
        Ensure(24);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var n);
        _pos += n;
        return this;
    }

    /// <summary>Fixed decimals (<c>F</c>); negative zero prints as 0.</summary>
    public LineWriter F(double value, int decimals)
    {
        Ensure(40);
        Utf8Formatter.TryFormat(value + 0.0, _buffer.AsSpan(_pos), out var n, Fixed[decimals]);
        _pos += n;
        return this;
    }

    /// <summary>Fixed decimals right-aligned in <paramref name="width"/> columns (ptop's <c>%5.1f</c>-style padding).</summary>
    public LineWriter P(double value, int decimals, int width)
    {
        Ensure(40 + width);
        Span<byte> tmp = stackalloc byte[40];
        Utf8Formatter.TryFormat(value + 0.0, tmp, out var n, Fixed[decimals]);
        for (var i = n; i < width; i++) _buffer[_pos++] = (byte)' ';
        tmp[..n].CopyTo(_buffer.AsSpan(_pos));
        _pos += n;
        return this;
    }

    public void End()
    {
        Ensure(1);
        _buffer[_pos++] = (byte)'\n';
        Lines++;
    }

    /// <summary>Ends the file without a newline after writing only the first <paramref name="keepChars"/> characters of a line.</summary>
    public void Truncated(string line, int keepChars) => S(line[..keepChars]);

    public void Flush()
    {
        output.Write(_buffer, 0, _pos);
        Bytes += _pos;
        _pos = 0;
    }

    public void Dispose() => Flush();
}
