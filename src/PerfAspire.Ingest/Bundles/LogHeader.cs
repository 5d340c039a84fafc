using System.Globalization;
using System.Text;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// The IDENT and ARGS lines at the top of a ptop log (docs/ptop-format.md §2), read before ingestion because every row
/// carries the host and the bundle records the collector version and sampling interval.
/// </summary>
internal sealed record LogHeader(string? PtopVersion, string? HostId, string? Args, int? IntervalSeconds)
{
    const int ScanBytes = 64 * 1024;

    public bool Complete => PtopVersion is not null && Args is not null;

    /// <summary>Reads at most 64 KiB from the start of a decompressed log.</summary>
    public static LogHeader Read(Stream log)
    {
        var buffer = new byte[ScanBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = log.Read(buffer, filled, buffer.Length - filled);
            if (n <= 0) break;
            filled += n;
        }
        string? version = null, hostId = null, args = null;
        int? interval = null;
        var text = Encoding.UTF8.GetString(buffer, 0, filled);
        var sawTime = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("IDENT", StringComparison.Ordinal) && version is null)
            {
                var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2) version = parts[1];
                if (parts.Length >= 3) hostId = parts[2];
            }
            else if (line.StartsWith("ARGS", StringComparison.Ordinal) && args is null)
            {
                args = line.Length > 4 ? line[4..].Trim() : "";
                interval = IntervalOf(args);
            }
            else if (line.StartsWith("TIME", StringComparison.Ordinal))
            {
                // Header lines precede the first epoch; one more epoch is enough to give up.
                if (sawTime) break;
                sawTime = true;
            }
            if (version is not null && args is not null) break;
        }
        return new LogHeader(version, hostId, args, interval);
    }

    /// <summary>The <c>-d&lt;sec&gt;</c> (or <c>-d &lt;sec&gt;</c>) option of the ptop command line.</summary>
    internal static int? IntervalOf(string args)
    {
        var parts = args.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!parts[i].StartsWith("-d", StringComparison.Ordinal)) continue;
            var value = parts[i].Length > 2 ? parts[i][2..] : i + 1 < parts.Length ? parts[i + 1] : "";
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0) return s;
        }
        return null;
    }
}
