using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Bench.Parsing;

/// <summary>
/// <c>parser [--files N] [--quick]</c>: runs <see cref="ParserBenchmark"/> with BenchmarkDotNet (in-process, so the logs
/// are generated and loaded once) and prints P1 as MB/s (10^6 bytes per second) from the median, plus allocated bytes
/// per MB parsed. <c>--quick</c> skips BenchmarkDotNet and times ten plain runs by wall clock and by the parsing thread's CPU time
/// (on a shared, overloaded machine the CPU time says more about the parser than the wall clock).
/// </summary>
public static class ParserBenchCommand
{
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var filesAt = Array.IndexOf(args, "--files");
        if (filesAt >= 0 && filesAt + 1 < args.Length) LargeLogs.FileCount = int.Parse(args[filesAt + 1], System.Globalization.CultureInfo.InvariantCulture);

        if (quick) return Quick();

        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithId("P1");
        var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<ParserBenchmark>(config);
        var report = summary.Reports.FirstOrDefault();
        if (report?.ResultStatistics is null)
        {
            Console.Error.WriteLine("parser benchmark produced no result");
            return 1;
        }
        var bytes = ParserBenchmark.BytesPerOperation;
        var medianSeconds = report.ResultStatistics.Median / 1e9;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
        var mb = bytes / 1e6;
        Console.WriteLine();
        Console.WriteLine($"P1 parser: {mb:F1} MB of large-bundle logs per operation ({LargeLogs.FileCount} files)");
        Console.WriteLine($"P1 parser: median {medianSeconds * 1000:F1} ms => {mb / medianSeconds:F0} MB/s single thread (target >= 200 MB/s)");
        Console.WriteLine($"P1 parser: allocated {allocated:N0} bytes per operation => {allocated / mb:N0} bytes per MB");
        return 0;
    }

    static int Quick()
    {
        var logs = LargeLogs.Load();
        var bytes = logs.Sum(l => (long)l.Length);
        var parser = new PtopParser(SchemaRegistry.CreateDefault());
        var times = new List<double>();
        var cpuTimes = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var sink = new NullSink();
            var cpu0 = ThreadCpu.Now();
            var alloc0 = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            ParseStats? last = null;
            foreach (var log in logs) last = parser.Parse(new MemoryStream(log, writable: false), "ptop.log", sink);
            var wall = sw.Elapsed.TotalSeconds;
            var cpu = ThreadCpu.Now() - cpu0;
            times.Add(wall);
            cpuTimes.Add(cpu);
            Console.WriteLine($"run {i + 1}: {bytes / 1e6 / wall:F0} MB/s wall, {bytes / 1e6 / cpu:F0} MB/s of thread CPU time, {(GC.GetAllocatedBytesForCurrentThread() - alloc0) / (bytes / 1e6):N0} bytes allocated per MB ({last!.LinesRead:N0} lines in the last file)");
        }
        times.Sort();
        cpuTimes.Sort();
        Console.WriteLine($"quick median: {bytes / 1e6 / times[times.Count / 2]:F0} MB/s wall, {bytes / 1e6 / cpuTimes[cpuTimes.Count / 2]:F0} MB/s of thread CPU time");
        return 0;
    }

    sealed class NullSink : IRowSink
    {
        public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values) { }
        public void OnText(long? tsMicros, string prefix, long lineNo, string text) { }
    }
}
