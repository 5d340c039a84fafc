using System.Globalization;
using System.IO.Compression;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// A deliberately small, strict reader of the few ptop line kinds the query tests check (CPU, TOP, FPPORTS, DBWR),
/// written from docs/ptop-format.md and independent of the product's parser: expected numbers come from the log text,
/// not from anything the product computed. Lines that do not have exactly the documented shape are skipped (the
/// generator's garbled and truncated lines are CPU lines).
/// </summary>
public sealed class PtopLogReader
{
    public sealed record Sample(DateTimeOffset Ts, string Series, double Value);

    public sealed record Bucket(DateTimeOffset Ts, int Index, long Count, double AvgSeconds);

    public List<Sample> CpuUtilization { get; } = [];
    public List<Sample> TopCpuByPid { get; } = [];
    public List<Sample> PortRxPackets { get; } = [];
    public List<Bucket> Dbwr { get; } = [];

    public static PtopLogReader ReadBundleDirectory(string bundleDirectory)
    {
        var reader = new PtopLogReader();
        var logs = Directory.EnumerateFiles(bundleDirectory, "ptop-*.log*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var path in logs)
        {
            using var file = File.OpenRead(path);
            using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var text = new StreamReader(s);
            reader.Read(text);
        }
        return reader;
    }

    void Read(TextReader text)
    {
        DateTimeOffset? ts = null;
        for (var line = text.ReadLine(); line is not null; line = text.ReadLine())
        {
            var t = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (t.Length == 0) continue;
            if (t[0] == "TIME")
            {
                ts = t.Length >= 3 && decimal.TryParse(t[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch)
                    ? DateTimeOffset.UnixEpoch.AddTicks((long)(epoch * TimeSpan.TicksPerSecond))
                    : null;
                continue;
            }
            if (ts is not { } now) continue;
            switch (t[0])
            {
                case "CPU" when t.Length == 15 && t[2] == "u" && t[4] == "id/io" && t[7] == "u/s/n" && t[11] == "irq" && t[12] == "h/s"
                                && t.Skip(3).Where((_, i) => i is 0 or 2 or 3 or 5 or 6 or 7 or 10 or 11).All(v => Num(v) is not null):
                    CpuUtilization.Add(new Sample(now, t[1], Num(t[3])!.Value));
                    break;
                case "TOP" when t.Length >= 8 && t[3].EndsWith('%') && t[5].StartsWith('(') && t[6].EndsWith(')') && Num(t[3]) is { } cpu:
                    TopCpuByPid.Add(new Sample(now, t[2], cpu));
                    break;
                case "FPPORTS" when t.Length >= 4 && Array.IndexOf(t, "ip") is var ip and > 1 && ip + 1 < t.Length && Num(t[ip + 1]) is { } rx:
                    PortRxPackets.Add(new Sample(now, t[1], rx));
                    break;
                case "DBWR" when (t.Length - 1) % 3 == 0:
                    for (var i = 1; i + 2 < t.Length; i += 3)
                    {
                        if (int.TryParse(t[i], CultureInfo.InvariantCulture, out var b) && long.TryParse(t[i + 1], CultureInfo.InvariantCulture, out var n) && Num(t[i + 2]) is { } avg)
                        {
                            Dbwr.Add(new Bucket(now, b, n, avg));
                        }
                    }
                    break;
            }
        }
    }

    static double? Num(string token)
    {
        var s = token.Trim('%', '(', ')');
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
