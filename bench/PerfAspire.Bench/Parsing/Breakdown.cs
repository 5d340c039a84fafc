using System.Diagnostics;
using PerfAspire.Ingest.Parsing;

namespace PerfAspire.Bench.Parsing;

internal static class Breakdown
{
    public static void Run(byte[][] logs)
    {
        var bytes = logs.Sum(l => (long)l.Length);
        var p = Process.GetCurrentProcess();
        double Cpu() { p.Refresh(); return (p.UserProcessorTime + p.PrivilegedProcessorTime).TotalSeconds; }
        for (var round = 0; round < 4; round++)
        {
            var c0 = Cpu();
            long n = 0;
            foreach (var log in logs)
            {
                var r = new LineReader(new MemoryStream(log), 65536);
                while (r.TryReadLine(out var line, out _)) n += line.Length;
            }
            var c1 = Cpu();
            var tokens = new LineTokens();
            foreach (var log in logs)
            {
                var r = new LineReader(new MemoryStream(log), 65536);
                while (r.TryReadLine(out var line, out _)) { tokens.Split(line); n += tokens.Count; }
            }
            var c2 = Cpu();
            foreach (var log in logs)
            {
                var r = new LineReader(new MemoryStream(log), 65536);
                while (r.TryReadLine(out var line, out _))
                {
                    tokens.Split(line);
                    for (var i = 1; i < tokens.Count; i++) if (NumberParser.TryParse(tokens.Get(line, i), out var v)) n += (long)v;
                }
            }
            var c3 = Cpu();
            Console.WriteLine($"read {bytes / 1e6 / (c1 - c0):F0} MB/s, +split {bytes / 1e6 / (c2 - c1):F0} MB/s, +numbers {bytes / 1e6 / (c3 - c2):F0} MB/s ({n})");
        }
    }
}
