using System.Globalization;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// The ptop log naming rule of docs/ptop-format.md §1: <c>ptop-YYYYMMDD_HHMM.log</c>, optionally <c>.gz</c>; the
/// name carries the UTC start time that orders the logs of a bundle.
/// </summary>
internal static class LogFileName
{
    const string Stem = "ptop-";

    /// <summary>True when <paramref name="fileName"/> is a well-formed ptop log name; <paramref name="startUtc"/> is its time.</summary>
    public static bool TryParse(ReadOnlySpan<char> fileName, out DateTime startUtc, out bool gzip)
    {
        startUtc = default;
        gzip = false;
        // ptop-YYYYMMDD_HHMM.log = 5 + 13 + 4
        if (!fileName.StartsWith(Stem, StringComparison.Ordinal)) return false;
        var rest = fileName[Stem.Length..];
        if (rest.Length < 17 || rest[8] != '_') return false;
        var tail = rest[13..];
        if (tail.SequenceEqual(".log")) gzip = false;
        else if (tail.SequenceEqual(".log.gz")) gzip = true;
        else return false;
        return DateTime.TryParseExact(rest[..13], "yyyyMMdd_HHmm", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out startUtc);
    }

    /// <summary>
    /// A file that looks meant to be a ptop log (its name starts with "ptop", any case) but does not follow the rule:
    /// it is skipped and named in a <c>skipped_bad_name:&lt;file&gt;</c> warning. Other files of a support bundle are
    /// simply not ptop logs and are ignored silently.
    /// </summary>
    public static bool LooksLikeLog(ReadOnlySpan<char> fileName) =>
        fileName.StartsWith("ptop", StringComparison.OrdinalIgnoreCase);
}
