using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Parses the time arguments a model actually sends: ISO-8601 strings, epoch milliseconds (number or digits;
/// values too small to be milliseconds are read as epoch seconds and the note says so), or the words
/// <c>bundle_start</c> / <c>bundle_end</c>, optionally with an offset such as <c>bundle_end-1h</c>.
/// </summary>
public static partial class TimeArgument
{
    const int MaxLength = 64;
    const long MaxOffsetDays = 3650;
    /// <summary>Below this an epoch number cannot be milliseconds of a real bundle (it would be before 1973).</summary>
    const double SecondsThreshold = 100_000_000_000;

    /// <summary>
    /// A time argument's description for clients. One line, because every tool list repeats it: the full set of
    /// forms (<see cref="Forms"/>) and the defaults (the whole bundle) are in the server instructions.
    /// </summary>
    public const string Help = "ISO-8601, epoch ms, bundle_end-1h.";

    public const string Forms = "ISO-8601 (2025-06-28T13:52:00Z), epoch milliseconds (1751118720000), bundle_start, bundle_end, or bundle_start/bundle_end with an offset like bundle_end-1h (units s, m, h, d)";

    public static DateTimeOffset Parse(JsonElement? value, string argument, DateTimeOffset bundleStart, DateTimeOffset bundleEnd, DateTimeOffset whenMissing, List<string>? notes = null)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return whenMissing;
        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDouble(out var n) => FromEpoch(n, argument, notes),
            JsonValueKind.String => Parse(v.GetString(), argument, bundleStart, bundleEnd, whenMissing, notes),
            _ => throw Invalid(argument, v.ValueKind.ToString().ToLowerInvariant()),
        };
    }

    public static DateTimeOffset Parse(string? text, string argument, DateTimeOffset bundleStart, DateTimeOffset bundleEnd, DateTimeOffset whenMissing, List<string>? notes = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return whenMissing;
        var t = text.Trim();
        if (t.Length > MaxLength) throw Invalid(argument, t);
        var lower = t.ToLowerInvariant();
        if (lower == "bundle_start") return bundleStart;
        if (lower == "bundle_end") return bundleEnd;
        if (Relative().Match(lower) is { Success: true } m)
        {
            var anchor = m.Groups[1].Value == "bundle_start" ? bundleStart : bundleEnd;
            var amount = long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            // At most 10 digits, so the product cannot overflow a long; the sum with the anchor still can, far away.
            var seconds = amount * m.Groups[4].Value switch { "s" => 1L, "m" => 60L, "h" => 3600L, _ => 86400L };
            if (seconds > MaxOffsetDays * 86400L) throw Invalid(argument, t, $"the offset is larger than {MaxOffsetDays} days");
            var offset = TimeSpan.FromSeconds(seconds);
            try
            {
                return m.Groups[2].Value == "+" ? anchor + offset : anchor - offset;
            }
            catch (ArgumentOutOfRangeException)
            {
                throw Invalid(argument, t, "the result is outside the years 1-9999");
            }
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return FromEpoch(number, argument, notes);
        }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }
        throw Invalid(argument, t);
    }

    static DateTimeOffset FromEpoch(double n, string argument, List<string>? notes)
    {
        if (double.IsNaN(n) || double.IsInfinity(n) || n < 0 || n > 253_402_300_799_000) throw Invalid(argument, n.ToString(CultureInfo.InvariantCulture));
        if (n < SecondsThreshold)
        {
            notes?.Add($"{argument}={n.ToString(CultureInfo.InvariantCulture)} was read as epoch seconds (too small for epoch milliseconds).");
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n * 1000));
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(n));
    }

    static ToolError Invalid(string argument, string value, string? why = null) => new(
        "invalid_time",
        $"{argument} '{Responses.Text.Clip(value)}' is not a time I can read{(why is null ? "" : $" ({why})")}. Accepted: {Forms}.",
        next: $"Send {argument} in one of the accepted forms, or leave it out to use the whole bundle.");

    [GeneratedRegex(@"^(bundle_start|bundle_end)\s*([+-])\s*(\d{1,10})\s*([smhd])$")]
    private static partial Regex Relative();
}
