using System.Globalization;

namespace PerfAspire.Mcp.Responses;

/// <summary>How values are written in tool responses: UTC ISO-8601 times, numbers with 7 significant digits.</summary>
public static class Values
{
    public static object? ForOutput(object? v) => v switch
    {
        DateTimeOffset t => Iso(t),
        double d => Round(d),
        _ => v,
    };

    public static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString(t.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Iso(DateTimeOffset? t) => t is { } v ? Iso(v) : null;

    /// <summary>7 significant digits: enough for any ptop value, and it keeps long fractions out of the token budget.</summary>
    public static double Round(double d) =>
        double.IsFinite(d) ? double.Parse(d.ToString("G7", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : d;
}
