using System.Text.RegularExpressions;

namespace PerfAspire.Ingest.Bundles;

/// <summary>What a bundle's names tell (docs/ptop-format.md §1): the support ticket id and the host of <c>sb_&lt;host&gt;_...</c>.</summary>
internal static partial class BundleNames
{
    [GeneratedRegex("NIOSS?SPT-[0-9]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SptidPattern();

    /// <summary>The first <c>NIOSS?SPT-[0-9]+</c> in <paramref name="text"/>, upper-cased, or null.</summary>
    public static string? FindSptid(string text)
    {
        var m = SptidPattern().Match(text);
        return m.Success ? m.Value.ToUpperInvariant() : null;
    }

    /// <summary>The host of a bundle named <c>sb_&lt;host&gt;_&lt;anything&gt;</c>, or null.</summary>
    public static string? HostFromBundleName(string name)
    {
        if (!name.StartsWith("sb_", StringComparison.OrdinalIgnoreCase)) return null;
        var end = name.IndexOf('_', 3);
        if (end <= 3) return null;
        var host = name[3..end];
        return host.All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? host : null;
    }
}
