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

        ulong mantissa = 0;
        var digits = 0;
        var fraction = 0;
        var seenDot = false;
        for (; i < token.Length; i++)
        {
            var c = (uint)(token[i] - (byte)'0');
            if (c <= 9)
            {
                if (digits == 0 && c == 0 && !seenDot) continue; // leading zeros do not count
                mantissa = mantissa * 10 + c;
                digits++;
                if (seenDot) fraction++;
                if (digits > 15) return Slow(token, out value);
            }
            else if (token[i] == (byte)'.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                return Slow(token, out value);
            }
        }

        // Needs a digit first and last: "12." or ".5" are not what ptop prints (a truncated token looks like that).
        var start = negative || token[0] == (byte)'+' ? 1 : 0;
        if (token.Length == start || token[start] == (byte)'.' || token[^1] == (byte)'.')
        {
            value = 0;
            return false;
        }

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
