using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace PerfAspire.Ingest.Generation;

/// <summary>The result of <see cref="BundleGenerator.Generate"/>.</summary>
public sealed record GeneratedBundle(string Path, string ExpectedCountsPath, ExpectedCounts Expected);

/// <summary>
/// Writes realistic support bundles: <c>sb_&lt;host&gt;_NIOSSPT-&lt;n&gt;_&lt;date&gt;</c> holding
/// <c>var/log/ptop-YYYYMMDD_HHMM.log</c> files (the oldest gzip-rotated) and a few non-ptop files, as a directory,
/// <c>.tar.gz</c> or <c>.zip</c>, plus <c>&lt;bundle&gt;.expected.json</c> with the row counts the parser must produce.
/// Same options and seed → same bytes (archives use fixed timestamps and sorted members).
/// </summary>
public static class BundleGenerator
{
    public const string LogDirectory = "var/log";

    public static GeneratedBundle Generate(GeneratorOptions options, BundleFormat format, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);
        var baseName = options.BundleBaseName;
        var root = format == BundleFormat.Directory
            ? Path.Combine(outputDirectory, baseName)
            : Path.Combine(outputDirectory, $".{baseName}.{Environment.ProcessId}.tmp");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);

        ExpectedCounts expected;
        string bundlePath;
        try
        {
            expected = WriteTree(options, root);
            bundlePath = format switch
            {
                BundleFormat.Directory => root,
                BundleFormat.TarGz => PackTarGz(root, Path.Combine(outputDirectory, baseName + ".tar.gz"), options),
                BundleFormat.Zip => PackZip(root, Path.Combine(outputDirectory, baseName + ".zip"), options),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
        }
        finally
        {
            if (format != BundleFormat.Directory && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }

        expected.Bundle = Path.GetFileName(bundlePath);
        var expectedPath = Path.Combine(outputDirectory, expected.Bundle + ".expected.json");
        File.WriteAllText(expectedPath, expected.ToJson());
        return new GeneratedBundle(bundlePath, expectedPath, expected);
    }

    /// <summary>Writes the bundle's files under <paramref name="root"/> and returns the expectation.</summary>
    public static ExpectedCounts WriteTree(GeneratorOptions options, string root)
    {
        var expected = WriteLogs(options, path =>
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        });
        foreach (var (path, content) in OtherFiles(options, expected.HostId))
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return expected;
    }

    /// <summary>
    /// Writes the ptop logs only, each to the stream <paramref name="open"/> returns for its path in the bundle
    /// (<c>var/log/ptop-….log[.gz]</c>; gzip is applied here). The streams are disposed.
    /// </summary>
    public static ExpectedCounts WriteLogs(GeneratorOptions options, Func<string, Stream> open)
    {
        var model = new HostModel(options);
        var (incidentStart, incidentEnd) = model.IncidentMicros;
        var expected = new ExpectedCounts
        {
            Preset = options.Preset,
            Seed = options.Seed,
            Host = options.Host,
            HostId = model.HostId,
            Sptid = options.SptId,
            IntervalSeconds = options.IntervalSeconds,
            FirstTsMicros = model.EpochSeconds(0) * 1_000_000,
            LastTsMicros = model.EpochSeconds(options.TotalEpochs - 1) * 1_000_000,
            IncidentStartMicros = incidentStart,
            IncidentEndMicros = incidentEnd,
        };
        for (var f = 0; f < options.Files; f++)
        {
            var start = options.StartUtc.AddSeconds((double)f * options.EpochsPerFile * options.IntervalSeconds);
            var rotated = f == 0 && options.Files > 1; // the oldest log was rotated and compressed
            var path = $"{LogDirectory}/ptop-{start:yyyyMMdd_HHmm}.log" + (rotated ? ".gz" : "");
            var truncate = options.InjectFaults && f == options.Files - 1;
            using var file = open(path);
            using var gzip = rotated ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : null;
            expected.Files.Add(model.WriteFile(f, gzip ?? file, path, rotated, decimalEpochs: rotated, truncate));
        }
        expected.DiscoveredColumns["ptops_buddy"] = ["free_blocks_order_11"];
        expected.DiscoveredColumns["ptops_fp_dtob"] = ["tq_total", "tr_total", "to_err_total"];
        expected.DiscoveredColumns["ptops_fp_ptob"] = ["tq_total", "tr_total", "k_4xx_total"];
        expected.Complete();
        return expected;
    }

    static IEnumerable<(string Path, string Content)> OtherFiles(GeneratorOptions o, string hostId)
    {
        yield return ("etc/hostname", o.Host + "\n");
        yield return ("infoblox/var/version", HostModel.PtopVersion + "\n");
        yield return ("infoblox/var/hwid", hostId + "\n");
        var messages = new StringBuilder();
        var t = o.StartUtc;
        for (var i = 0; i < 40; i++)
        {
            t = t.AddMinutes(17);
            messages.Append($"{t:MMM dd HH:mm:ss} {o.Host} named[2088]: client @0x7f3a 10.1.{i % 200}.{i * 7 % 250}#5353: query (cache) denied\n");
        }
        yield return ($"{LogDirectory}/messages", messages.ToString());
        yield return ($"{LogDirectory}/ptop.README", "ptop logs rotate daily; older logs are gzip-compressed.\n");
    }

    static DateTimeOffset ArchiveTime(GeneratorOptions o) => new(o.StartUtc.AddSeconds((double)o.TotalEpochs * o.IntervalSeconds), TimeSpan.Zero);

    static IEnumerable<string> SortedFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    static string PackTarGz(string root, string target, GeneratorOptions o)
    {
        using var file = new FileStream(target, FileMode.Create, FileAccess.Write);
        using var gzip = new GZipStream(file, o.Preset == "large" ? CompressionLevel.Fastest : CompressionLevel.Optimal);
        using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var rel in SortedFiles(root))
        {
            using var data = File.OpenRead(Path.Combine(root, rel));
            // Ustar: no PAX atime/ctime attributes, so the same options give the same bytes.
            var entry = new UstarTarEntry(TarEntryType.RegularFile, rel)
            {
                DataStream = data,
                ModificationTime = ArchiveTime(o),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            tar.WriteEntry(entry);
        }
        return target;
    }

    static string PackZip(string root, string target, GeneratorOptions o)
    {
        using var file = new FileStream(target, FileMode.Create, FileAccess.Write);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var rel in SortedFiles(root))
        {
            var entry = zip.CreateEntry(rel, rel.EndsWith(".gz", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = ArchiveTime(o);
            using var dest = entry.Open();
            using var src = File.OpenRead(Path.Combine(root, rel));
            src.CopyTo(dest);
        }
        return target;
    }
}
