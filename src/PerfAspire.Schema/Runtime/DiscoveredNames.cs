using System.Text;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Runtime;

/// <summary>
/// The deterministic naming rule for tables and columns discovered at run time.
/// <para>Columns from an unknown key (<see cref="ColumnForKey"/>):</para>
/// <list type="number">
/// <item>lower-case the key (invariant);</item>
/// <item>replace every character outside <c>[a-z0-9]</c> by <c>_</c>, collapse runs of <c>_</c>, trim <c>_</c> at both ends
/// (empty result: <c>key</c>);</item>
/// <item>a name starting with a digit gets the prefix <c>k_</c> (<c>4xq</c> → <c>k_4xq</c>);</item>
/// <item>counters get the suffix <c>_total</c> unless the name already ends with it;</item>
/// <item>the metric name (<c>&lt;group prefix&gt;_&lt;column&gt;</c>) must fit PostgreSQL's 63-byte identifiers: the column is
/// cut before the suffix so that it fits;</item>
/// <item>if the name is taken by another key, <c>_2</c>, <c>_3</c>, ... is appended (before <c>_total</c>), in order of discovery.</item>
/// </list>
/// Examples: <c>F-XY</c> → <c>f_xy_total</c>, <c>REQ.t99</c> → <c>req_t99_total</c>, <c>9z</c> → <c>k_9z_total</c>.
/// <para>Tables from an unknown <c>FP*</c> prefix (<see cref="FastPathGroup"/>): table <c>ptops_fp_&lt;lower-case suffix&gt;</c>,
/// metric prefix <c>&lt;lower-case prefix&gt;</c> (FPDTOB → <c>ptops_fp_dtob</c>, prefix <c>fpdtob</c>), category fastpath,
/// filter FASTPATH, no labels, extensible.</para>
/// </summary>
public static class DiscoveredNames
{
    public const int MaxIdentifierBytes = 63;

    /// <summary>The base column name for <paramref name="key"/> (rules 1–5, without the uniqueness suffix).</summary>
    public static string ColumnForKey(string key, MetricKind kind, string metricPrefix)
        => Build(key, kind, metricPrefix, 1);

    /// <summary>The column name for <paramref name="key"/> with the <paramref name="ordinal"/>-th uniqueness suffix (1 = none).</summary>
    public static string Build(string key, MetricKind kind, string metricPrefix, int ordinal)
    {
        var sb = new StringBuilder(key.Length + 8);
        var lastUnderscore = true; // suppresses leading '_'
        foreach (var ch in key)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                sb.Append(c);
                lastUnderscore = false;
            }
            else if (!lastUnderscore)
            {
                sb.Append('_');
                lastUnderscore = true;
            }
        }
        while (sb.Length > 0 && sb[^1] == '_') sb.Length--;
        if (sb.Length == 0) sb.Append("key");
        if (sb[0] is >= '0' and <= '9') sb.Insert(0, "k_");

        var suffix = kind == MetricKind.Counter ? "_total" : "";
        var stem = sb.ToString();
        if (suffix.Length > 0 && stem.EndsWith(suffix, StringComparison.Ordinal)) stem = stem[..^suffix.Length];
        if (stem.Length == 0) stem = "key";
        var unique = ordinal > 1 ? "_" + ordinal : "";
        var budget = MaxIdentifierBytes - metricPrefix.Length - 1 - unique.Length - suffix.Length;
        if (budget < 1) budget = 1;
        if (stem.Length > budget) stem = stem[..budget].TrimEnd('_');
        return stem + unique + suffix;
    }

    /// <summary>True for a prefix token of a fast-path family: <c>FP</c> followed by 1–28 upper-case letters, digits or '_'.</summary>
    public static bool IsFastPathPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.Length < 3 || prefix.Length > 30 || prefix[0] != 'F' || prefix[1] != 'P') return false;
        foreach (var c in prefix[2..])
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')) return false;
        }
        return true;
    }

    /// <summary>The generic key/value group for an <c>FP*</c> prefix the spec does not know (FPDTOB, FPPTOB, FPDIDPS, ...).</summary>
    public static TableGroup FastPathGroup(string prefix)
    {
        if (!IsFastPathPrefix(prefix)) throw new ArgumentException($"'{prefix}' is not a fast-path prefix (FP followed by A-Z, 0-9, _).", nameof(prefix));
        var lower = prefix.ToLowerInvariant();
        return new TableGroup(prefix, "ptops_fp_" + lower[2..], lower, "fastpath", "FASTPATH", [], [],
            $"Fast path {prefix} counters (key/value pairs), discovered at load time; every key is a counter column.", Extensible: true);
    }
}
