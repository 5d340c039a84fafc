using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Token boundaries of the current line (split on runs of spaces and tabs), kept in reusable arrays.
/// Splitting is the hottest loop of the parser, so it works on 64-byte blocks: a whitespace bitmask per block
/// (SIMD compares), token starts = non-blank after blank, ends = blank after non-blank.
/// </summary>
internal sealed class LineTokens
{
    int[] _start = new int[64];
    int[] _end = new int[64];

    public int Count { get; private set; }

    /// <summary>True when the last split line holds a control byte (below space except tab, or DEL): binary, not text.</summary>
    public bool HasControlBytes { get; private set; }

    public void Split(ReadOnlySpan<byte> line)
    {
        var control = false;
        var starts = 0;
        var ends = 0;
        ulong carry = 1; // the position before the line counts as blank
        ref var src = ref MemoryMarshal.GetReference(line);
        for (var offset = 0; offset < line.Length; offset += 64)
        {
            var length = Math.Min(64, line.Length - offset);
            var blank = BlankMask(ref Unsafe.Add(ref src, offset), length, ref control);
            if (length < 64) blank |= ulong.MaxValue << length; // past the end is blank: closes the last token
            var previous = (blank << 1) | carry;
            var tokenStarts = ~blank & previous;
            var tokenEnds = blank & ~previous;
            if (starts + 33 > _start.Length)
            {
                Array.Resize(ref _start, _start.Length * 2);
                Array.Resize(ref _end, _end.Length * 2);
            }
            while (tokenStarts != 0)
            {
                _start[starts++] = offset + BitOperations.TrailingZeroCount(tokenStarts);
                tokenStarts &= tokenStarts - 1;
            }
            while (tokenEnds != 0)
            {
                _end[ends++] = offset + BitOperations.TrailingZeroCount(tokenEnds);
                tokenEnds &= tokenEnds - 1;
            }
            carry = blank >> 63;
        }
        if (ends < starts) _end[ends] = line.Length; // a token running exactly to a 64-byte boundary at the end
        Count = starts;
        HasControlBytes = control;
    }

    /// <summary>Bit i set = byte i is a space or tab; also notes control bytes (one pass over the line does both).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong BlankMask(ref byte block, int length, ref bool control)
    {
        ulong mask = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((byte)' ');
            var tab = Vector128.Create((byte)'\t');
            var del = Vector128.Create((byte)0x7F);
            var controls = Vector128<byte>.Zero;
            for (; i + 16 <= length; i += 16)
            {
                var v = Vector128.LoadUnsafe(ref block, (nuint)i);
                var isTab = Vector128.Equals(v, tab);
                mask |= (ulong)(Vector128.Equals(v, space) | isTab).ExtractMostSignificantBits() << i;
                controls |= Vector128.AndNot(Vector128.LessThan(v, space), isTab) | Vector128.Equals(v, del);
            }
            if (controls != Vector128<byte>.Zero) control = true;
        }
        for (; i < length; i++)
        {
            var b = Unsafe.Add(ref block, i);
            if (b == (byte)' ' || b == (byte)'\t') mask |= 1UL << i;
            else if (b < 0x20 || b == 0x7F) control = true;
        }
        return mask;
    }

    public int Start(int index) => _start[index];

    public int End(int index) => _end[index];

    public ReadOnlySpan<byte> Get(ReadOnlySpan<byte> line, int index) => line[_start[index].._end[index]];

    /// <summary>The raw text from token <paramref name="index"/> to the end of the line (inner spacing kept, trailing blanks cut).</summary>
    public ReadOnlySpan<byte> Rest(ReadOnlySpan<byte> line, int index) => index < Count ? line[_start[index].._end[Count - 1]] : default;
}
