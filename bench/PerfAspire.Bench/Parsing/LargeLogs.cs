using PerfAspire.Ingest.Generation;

namespace PerfAspire.Bench.Parsing;

/// <summary>
/// The plain-text logs of the large reference bundle, generated once into a cache directory
/// (PERFASPIRE_BENCH_DATA, default /tmp/perfaspire-bench) and reused by later runs.
/// </summary>
internal static class LargeLogs
{
    /// <summary>How many plain 24 h logs to parse per operation (~35 MB each).</summary>
    public static int FileCount { get; set; } = 2;

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("PERFASPIRE_BENCH_DATA") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "perfaspire-bench");

    public static byte[][] Load()
    {
        var root = Path.Combine(CacheDirectory, "large");
        var marker = Path.Combine(root, "complete");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            Console.WriteLine($"generating the large reference logs into {root} (once) ...");
            BundleGenerator.WriteTree(GeneratorOptions.Large, root);
            File.WriteAllText(marker, "large preset, seed 42\n");
        }
        return [.. Directory.GetFiles(Path.Combine(root, BundleGenerator.LogDirectory), "ptop-*.log")
            .Order(StringComparer.Ordinal)
            .Take(FileCount)
            .Select(File.ReadAllBytes)];
    }
}
