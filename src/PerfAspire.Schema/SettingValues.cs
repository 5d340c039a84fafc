using System.Globalization;

namespace PerfAspire.Schema;

/// <summary>A setting whose value cannot be used: the message names the setting, the value and what it accepts.</summary>
public sealed class SettingsException(string message) : Exception(message);

/// <summary>
/// Reads the documented environment-variable settings. Unset (or empty) means the default; a value that is set
/// but cannot be read, or is out of range, stops the service at start with a message naming the setting — never a
/// silent fallback to the default.
/// </summary>
public static class SettingValues
{
    public static int Int(Func<string, string?> lookup, string name, int fallback, int min, int max) =>
        Read(lookup, name, fallback, t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null,
            $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static long Long(Func<string, string?> lookup, string name, long fallback, long min, long max = long.MaxValue) =>
        Read(lookup, name, fallback, t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max ? v : null,
            max == long.MaxValue ? $"a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static double Double(Func<string, string?> lookup, string name, double fallback, double min, double max = double.MaxValue) =>
        Read(lookup, name, fallback, t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min && v <= max ? v : null,
            max == double.MaxValue ? $"a number of at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    public static bool Bool(Func<string, string?> lookup, string name, bool fallback) =>
        Read(lookup, name, fallback, t => t.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => (bool?)null,
        }, "true or false");

    /// <summary>A PostgreSQL identifier of ours: lower-case letters, digits and '_', not starting with a digit, at most 63 characters.</summary>
    public static string Identifier(Func<string, string?> lookup, string name, string fallback)
    {
        var text = lookup(name)?.Trim();
        if (string.IsNullOrEmpty(text)) return fallback;
        return text.Length <= 63 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsDigit(text[0])
            ? text
            : throw Invalid(name, text, "a lower-case identifier (letters a-z, digits, '_'; not starting with a digit; at most 63 characters)");
    }

    static T Read<T>(Func<string, string?> lookup, string name, T fallback, Func<string, T?> parse, string expected) where T : struct
    {
        var text = lookup(name)?.Trim();
        if (string.IsNullOrEmpty(text)) return fallback;
        return parse(text) ?? throw Invalid(name, text, expected);
    }

    static SettingsException Invalid(string name, string text, string expected) =>
        new($"{name}='{(text.Length > 80 ? text[..80] + "..." : text)}' is not valid: expected {expected}.");
}
