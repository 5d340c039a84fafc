using System.Buffers.Text;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Parses ptop's numeric tokens from UTF-8 bytes without allocating. Glued decoration is stripped first:
/// a leading <c>(</c>, trailing <c>)</c> and <c>%</c> (<c>80.3%</c>, <c>(4.6</c>, <c>0.1)</c>).
/// The common fixed-decimal form is parsed directly (exact: mantissa and power of ten are both exact doubles);
/// anything else (exponents, long mantissas) goes through the BCL parser. NaN and infinities are rejected.
/// </summary>
internal static class NumberParser
{
    static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    ];

    public static bool TryParse(ReadOnlySpan<byte> token, out double value)
    {
        if (token.Length > 0 && token[0] == (byte)'(') token = token[1..];
        while (token.Length > 0 && (token[^1] == (byte)')' || token[^1] == (byte)'%')) token = token[..^1];
        if (token.Length == 0 || token.Length > 40)
        {
            value = 0;
            return false;
        }

        var i = 0;
        var negative = false;
        if (token[0] == (byte)'-') { negative = true; i = 1; }
        else if (token[0] == (byte)'+') i = 1;

        // Integer part, then an optional fraction; anything else (exponent, junk) goes to the slow path.
        var intStart = i;
        ulong mantissa = 0;
        for (; i < token.Length; i++)
        {
            var c = (uint)(token[i] - (byte)'0');
            if (c > 9) break;
            mantissa = mantissa * 10 + c;
        }
        var intDigits = i - intStart;
        var fraction = 0;
        if (i < token.Length)
        {
            if (token[i] != (byte)'.') return Slow(token, out value);
            if (intDigits == 0)
            {
                value = 0;
                return false;
            }
            var fracStart = ++i;
            for (; i < token.Length; i++)
            {
                var c = (uint)(token[i] - (byte)'0');
                if (c > 9) return Slow(token, out value);
                mantissa = mantissa * 10 + c;
            }
            fraction = i - fracStart;
            if (fraction == 0)
            {
                // "12." is not what ptop prints: a truncated token looks like that.
                value = 0;
                return false;
            }
        }
        if (intDigits == 0)
        {
            value = 0;
            return false;
        }
        // Exact when the mantissa has at most 15 digits: mantissa and power of ten are exact doubles, the division rounds once.
        if (intDigits + fraction > 15) return Slow(token, out value);
        value = fraction == 0 ? mantissa : mantissa / PowersOf10[fraction];
        if (negative) value = -value;
        return true;
    }

    static bool Slow(ReadOnlySpan<byte> token, out double value)
    {
        if (Utf8Parser.TryParse(token, out value, out var consumed, 'G') && consumed == token.Length && double.IsFinite(value)) return true;
        value = 0;
        return false;
    }

    /// <summary>A non-negative integer token (labels such as bucket indexes need no double round trip).</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        if (token.Length == 0 || token.Length > 18) return false;
        foreach (var b in token)
        {
            var c = (uint)(b - (byte)'0');
            if (c > 9) return false;
            value = value * 10 + c;
        }
        return true;
    }

    /// <summary>True when the token can only be a number (digit, sign, dot or glued parenthesis first), not a marker or key.</summary>
    public static bool LooksNumeric(ReadOnlySpan<byte> token)
        => token.Length > 0 && token[0] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'(';
}
