using System.Globalization;

namespace PerfAspire.Ingest.Parsing;

/// <summary>TIME line timestamps → UTC microseconds since the Unix epoch, exactly (no double rounding).</summary>
internal static class TimeParser
{
    /// <summary>Upper bound: 9999-12-31T23:59:59Z.</summary>
    const long MaxSeconds = 253_402_300_799;

    /// <summary><c>1751118720</c> or <c>1751118720.250</c> (fraction digits beyond microseconds are cut).</summary>
    public static bool TryParseEpoch(ReadOnlySpan<byte> token, out long micros)
    {
        micros = 0;
        if (token.Length == 0 || token.Length > 32) return false;
        long seconds = 0;
        var i = 0;
        for (; i < token.Length && token[i] != (byte)'.'; i++)
        {
            var c = (uint)(token[i] - (byte)'0');
            if (c > 9 || i >= 12) return false;
            seconds = seconds * 10 + c;
        }
        if (i == 0 || seconds > MaxSeconds) return false;
        long fraction = 0;
        var scale = 100_000L;
        if (i < token.Length)
        {
            i++; // '.'
            if (i == token.Length) return false;
            for (; i < token.Length; i++)
            {
                var c = (uint)(token[i] - (byte)'0');
                if (c > 9) return false;
                fraction += c * scale;
                scale /= 10;
            }
        }
        micros = seconds * 1_000_000 + fraction;
        return true;
    }

    static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy/MM/dd HH:mm:ss"];

    /// <summary>Fallback: <c>2025-06-28 13:52:00</c> read as UTC.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<byte> date, ReadOnlySpan<byte> time, out long micros)
    {
        micros = 0;
        if (date.Length + time.Length > 40) return false;
        Span<char> chars = stackalloc char[date.Length + 1 + time.Length];
        for (var i = 0; i < date.Length; i++) chars[i] = (char)date[i];
        chars[date.Length] = ' ';
        for (var i = 0; i < time.Length; i++) chars[date.Length + 1 + i] = (char)time[i];
        if (!DateTime.TryParseExact(chars, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt)) return false;
        micros = (dt.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        return true;
    }
}
