using System.Globalization;

namespace PerfAspire.Mcp.Responses;

/// <summary>Latencies for people: seconds shown in the unit that keeps 1-3 digits before the point.</summary>
public static class Durations
{
    public static string Format(double seconds) => seconds switch
    {
        < 1e-6 => (seconds * 1e9).ToString("0.#", CultureInfo.InvariantCulture) + " ns",
        < 1e-3 => (seconds * 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " µs",
        < 1 => (seconds * 1e3).ToString("0.##", CultureInfo.InvariantCulture) + " ms",
        _ => seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>The display unit (name, factor from seconds) for a typical latency.</summary>
    public static (string Unit, double Factor) UnitFor(double typicalSeconds) => typicalSeconds switch
    {
        < 1e-3 => ("µs", 1e6),
        < 1 => ("ms", 1e3),
        _ => ("s", 1),
    };
}
