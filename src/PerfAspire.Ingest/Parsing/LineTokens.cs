namespace PerfAspire.Ingest.Parsing;

/// <summary>Token boundaries of the current line (split on runs of spaces and tabs), kept in reusable arrays.</summary>
internal sealed class LineTokens
{
    int[] _start = new int[64];
    int[] _end = new int[64];

    public int Count { get; private set; }

    public void Split(ReadOnlySpan<byte> line)
    {
        var n = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && (line[i] == (byte)' ' || line[i] == (byte)'\t')) i++;
            if (i >= line.Length) break;
            var s = i;
            while (i < line.Length && line[i] != (byte)' ' && line[i] != (byte)'\t') i++;
            if (n == _start.Length)
            {
                Array.Resize(ref _start, n * 2);
                Array.Resize(ref _end, n * 2);
            }
            _start[n] = s;
            _end[n] = i;
            n++;
        }
        Count = n;
    }

    public int Start(int index) => _start[index];

    public int End(int index) => _end[index];

    public ReadOnlySpan<byte> Get(ReadOnlySpan<byte> line, int index) => line[_start[index].._end[index]];

    /// <summary>The raw text from token <paramref name="index"/> to the end of the line (inner spacing kept, trailing blanks cut).</summary>
    public ReadOnlySpan<byte> Rest(ReadOnlySpan<byte> line, int index) => index < Count ? line[_start[index].._end[Count - 1]] : default;
}
