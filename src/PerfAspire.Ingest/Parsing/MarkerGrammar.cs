using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// The shape of ptop's "marker then values" lines (<c>u 5.7 id/io 47.4 46.9 u/s/n ...</c>): the value slots in line
/// order, and for each marker token the slots its values fill. Values before any marker fill slots from the start,
/// so the unmarked form (<c>SLAB name 1 2 mb 3 w 4</c>) and a form without markers parse too. The first
/// <see cref="Required"/> slots must be present; the rest (MEM's <c>pio</c>/<c>sio</c> tail) become NULL when absent.
/// </summary>
internal sealed class MarkerGrammar
{
    readonly ByteKeyMap<(int Start, int Count)> _markers = new(32);
    readonly ByteKeyMap<bool> _skip = new(4);
    readonly List<int> _slots = [];
    readonly List<(byte[] Token, int Start, int Count)> _ordered = [];

    public MarkerGrammar(TableLayout layout) => Layout = layout;

    public TableLayout Layout { get; }

    /// <summary>Layout metric index of each slot, in line order.</summary>
    public int[] Slots { get; private set; } = [];

    public int Required { get; private set; } = -1;

    /// <summary>A marker after which the rest of the line is a text label (SMAPS <c>c</c>).</summary>
    public byte[]? RestMarker { get; private set; }

    /// <summary>When every slot is filled, the rest of the line is a text label (CMEM, CDISK, CCPU names).</summary>
    public bool RestAfterValues { get; private set; }

    public MarkerGrammar Marker(string marker, params string[] columns)
    {
        var start = _slots.Count;
        foreach (var c in columns)
        {
            var index = Layout.IndexOfKey(c);
            if (index < 0) throw new InvalidOperationException($"Spec table {Layout.Table} has no column {c}.");
            _slots.Add(index);
        }
        if (marker.Length > 0)
        {
            _markers.Set(marker, (start, columns.Length));
            _ordered.Add((System.Text.Encoding.ASCII.GetBytes(marker), start, columns.Length));
        }
        Slots = [.. _slots];
        return this;
    }

    public MarkerGrammar Skip(string token)
    {
        _skip.Set(token, true);
        return this;
    }

    public MarkerGrammar OptionalFromHere()
    {
        Required = _slots.Count;
        return this;
    }

    public MarkerGrammar WithRestMarker(string marker)
    {
        RestMarker = System.Text.Encoding.ASCII.GetBytes(marker);
        return this;
    }

    public MarkerGrammar WithRestAfterValues()
    {
        RestAfterValues = true;
        return this;
    }

    static bool Found((byte[] Token, int Start, int Count) marker, out (int Start, int Count) range)
    {
        range = (marker.Start, marker.Count);
        return true;
    }

    public int RequiredCount => Required < 0 ? Slots.Length : Required;

    /// <summary>
    /// Fills <paramref name="values"/> (already NaN) from tokens <paramref name="first"/>.. of the line.
    /// Returns false when the line does not fit. <paramref name="rest"/> is the token index where a trailing text
    /// label starts (== <paramref name="end"/> when none).
    /// </summary>
    public bool TryFill(ReadOnlySpan<byte> line, LineTokens tokens, int first, int end, Span<double> values, out int rest)
    {
        var slots = Slots;
        var pos = 0;
        var limit = slots.Length;
        var filled = 0UL;
        var filledCount = 0;
        var inMarker = false;
        var expected = 0; // lines nearly always print markers in canonical order: try the next one before hashing
        var ordered = _ordered;
        rest = end;
        for (var t = first; t < end; t++)
        {
            if (RestAfterValues && filledCount == slots.Length)
            {
                rest = t;
                break;
            }
            var token = tokens.Get(line, t);
            if (token.Length > 0 && token[0] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'(')
            {
                if (pos >= limit || !NumberParser.TryParse(token, out var v)) return false;
                if ((filled & (1UL << pos)) == 0) filledCount++;
                filled |= 1UL << pos;
                values[slots[pos]] = v;
                pos++;
            }
            else if (expected < ordered.Count && token.SequenceEqual(ordered[expected].Token) ? Found(ordered[expected++], out var range) : _markers.TryGetValue(token, out range))
            {
                // A marker's values come complete: a short group means a cut or garbled line.
                if (inMarker && pos != limit) return false;
                inMarker = true;
                pos = range.Start;
                limit = range.Start + range.Count;
            }
            else if (RestMarker is not null && token.SequenceEqual(RestMarker))
            {
                if (inMarker && pos != limit) return false;
                inMarker = false;
                rest = t + 1;
                break;
            }
            else if (!_skip.TryGetValue(token, out _))
            {
                return false;
            }
        }
        if (inMarker && pos != limit) return false;
        var required = RequiredCount;
        var mask = required >= 64 ? ulong.MaxValue : (1UL << required) - 1;
        return (filled & mask) == mask;
    }
}
