using System.Security.Cryptography;
using System.Text;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Discovery (docs/ptop-format.md §1): decides what a path is, walks it once to list the ptop logs and read their
/// headers, computes the bundle hash, deduces sptid and host, and applies <c>max_files</c>.
/// </summary>
internal static class BundleScanner
{
    public const int DefaultMaxFiles = 10;
    public const int MaxMaxFiles = 10;

    public static int ValidateMaxFiles(int? maxFiles)
    {
        var n = maxFiles ?? DefaultMaxFiles;
        if (n is < 1 or > MaxMaxFiles)
        {
            throw new IngestException(IngestErrors.InvalidMaxFiles, $"invalid_max_files: max_files must be between 1 and {MaxMaxFiles} (got {n})");
        }
        return n;
    }

    /// <summary>What <paramref name="realPath"/> is, judged by name and checked against the file's magic bytes.</summary>
    public static BundleKind DetectKind(string realPath)
    {
        if (Directory.Exists(realPath)) return BundleKind.Directory;
        var name = Path.GetFileName(realPath);
        Span<byte> head = stackalloc byte[262];
        int n;
        FileKinds.RequireRegular(realPath, realPath);
        using (var fs = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        head = head[..n];
        var isGzip = head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        var isZip = head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && (head[2] is 3 or 5) && (head[3] is 4 or 6);
        var isTar = head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8);

        var byName = BundleKinds.ArchiveByName(name);
        if (byName is { } kind)
        {
            var ok = kind switch
            {
                BundleKind.TarGz => isGzip,
                BundleKind.Zip => isZip,
                _ => isTar || (!isGzip && !isZip && n >= 262),
            };
            if (!ok)
            {
                throw new IngestException(IngestErrors.InvalidArchive,
                    $"invalid_archive: {name} is named like a {kind.Wire()} archive but its content is not one");
            }
            return kind;
        }
        if (LogFileName.TryParse(name, out _, out var gzip))
        {
            if (gzip && !isGzip) throw new IngestException(IngestErrors.InvalidArchive, $"invalid_archive: {name} is named .gz but is not gzip data");
            return gzip ? BundleKind.GzipLog : BundleKind.Log;
        }
        if (LogFileName.LooksLikeLog(name))
        {
            throw new IngestException(IngestErrors.NoPtopLogs,
                $"no_ptop_logs: {name} does not follow the ptop log name ptop-YYYYMMDD_HHMM.log[.gz] (skipped_bad_name:{name})");
        }
        throw new IngestException(IngestErrors.UnsupportedBundle,
            $"unsupported_bundle: {name} is not a directory, .tar.gz/.tgz/.tar, .zip or a ptop-YYYYMMDD_HHMM.log[.gz] file");
    }

    public static BundleInventory Scan(string givenPath, string realPath, int maxFiles, BundleWalker walker, BundleWarnings warnings, CancellationToken ct)
    {
        var kind = DetectKind(realPath);
        var candidates = new List<LogCandidate>();
        var byTime = new Dictionary<DateTime, string>();
        var memberSptid = (string?)null;
        var memberHost = (string?)null;
        var hashEach = kind == BundleKind.Directory;

        walker.Walk(realPath, kind, member =>
        {
            ct.ThrowIfCancellationRequested();
            memberSptid ??= BundleNames.FindSptid(member.Path);
            memberHost ??= HostFromMemberPath(member.Path);
            if (!LogFileName.TryParse(member.Name, out var start, out var gzip))
            {
                if (LogFileName.LooksLikeLog(member.Name)) warnings.Add("skipped_bad_name:" + member.Path);
                return;
            }
            if (byTime.TryGetValue(start, out var first))
            {
                // Two logs with one start time hold the same samples (a plain copy next to its rotated .gz):
                // ingesting both would double every row.
                warnings.Add("skipped_duplicate:" + member.Path);
                return;
            }
            byTime[start] = member.Path;

            LogHeader header;
            string? sha = null;
            var size = member.Size;
            using (var raw = member.Open())
            {
                var hashing = hashEach ? new HashingStream(raw) : null;
                var log = walker.OpenLog(hashing ?? raw, gzip, member.Path);
                try
                {
                    header = LogHeader.Read(log);
                    if (hashing is not null) (size, sha) = hashing.Finish();
                }
                catch (InvalidDataException e)
                {
                    throw new IngestException(IngestErrors.InvalidArchive, $"invalid_archive: {member.Path} is not valid gzip data ({e.Message})", inner: e);
                }
                finally
                {
                    log.Dispose();
                }
            }
            candidates.Add(new LogCandidate(member.Path, member.Name, start, gzip, size) { Header = header, Sha256 = sha });
        });

        if (candidates.Count == 0)
        {
            // Every member posing as a log was a FIFO, device or link: say so rather than "no logs".
            var refused = warnings.ToList().Where(w => w.StartsWith("refused_", StringComparison.Ordinal)).ToList();
            if (refused.FirstOrDefault(w => w.StartsWith(IngestErrors.RefusedSpecial + ":", StringComparison.Ordinal)) is { } special)
            {
                throw new IngestException(IngestErrors.RefusedSpecial,
                    $"{special}: no regular ptop log in {givenPath}, only special files or links posing as one ({string.Join(", ", refused.Take(5))}{(refused.Count > 5 ? ", ..." : "")}); nothing was loaded. Only regular files and directories are read.");
            }
            var skipped = warnings.ToList().Where(w => w.StartsWith("skipped_bad_name:", StringComparison.Ordinal)).ToList();
            throw new IngestException(IngestErrors.NoPtopLogs,
                $"no_ptop_logs: no file named ptop-YYYYMMDD_HHMM.log[.gz] in {givenPath}" + (skipped.Count > 0 ? " (" + string.Join(", ", skipped) + ")" : ""));
        }

        var newestFirst = candidates.OrderByDescending(c => c.StartUtc).ThenBy(c => c.MemberPath, StringComparer.Ordinal).ToList();
        foreach (var dropped in newestFirst.Skip(maxFiles)) warnings.Add("skipped_max_files:" + dropped.MemberPath);
        var selected = newestFirst.Take(maxFiles).OrderBy(c => c.StartUtc).ToList();

        var hash = kind == BundleKind.Directory ? DirectoryHash(candidates) : HashingStream.OfFile(realPath);
        var version = selected.Select(c => c.Header?.PtopVersion).FirstOrDefault(v => v is not null);
        var hostId = selected.Select(c => c.Header?.HostId).FirstOrDefault(v => v is not null);
        var args = selected.Select(c => c.Header?.Args).FirstOrDefault(v => v is not null);
        var interval = selected.Select(c => c.Header?.IntervalSeconds).FirstOrDefault(v => v is not null);
        var host = HostFromPath(givenPath) ?? HostFromPath(realPath) ?? memberHost ?? hostId ?? "unknown";
        var sptid = BundleNames.FindSptid(givenPath) ?? BundleNames.FindSptid(realPath) ?? memberSptid;

        return new BundleInventory
        {
            Path = realPath,
            Kind = kind,
            Hash = hash,
            Sptid = sptid,
            Host = host,
            HostId = hostId,
            PtopVersion = version,
            Args = args,
            SampleIntervalSeconds = interval,
            Candidates = candidates,
            Selected = selected,
        };
    }

    /// <summary>SHA-256 over the sorted (relative path, size, SHA-256 of content) of a directory's candidate logs.</summary>
    internal static string DirectoryHash(IEnumerable<LogCandidate> candidates)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in candidates.OrderBy(c => c.MemberPath, StringComparer.Ordinal))
        {
            h.AppendData(Encoding.UTF8.GetBytes($"{c.MemberPath}\0{c.Size}\0{c.Sha256}\n"));
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    /// <summary>The bundle's own name first, then its parent directories, nearest first.</summary>
    static string? HostFromPath(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (BundleNames.HostFromBundleName(parts[i]) is { } host) return host;
        }
        return null;
    }

    /// <summary>A bundle archived with its top directory (<c>sb_host_x/var/log/...</c>) names the host there.</summary>
    static string? HostFromMemberPath(string memberPath)
    {
        foreach (var part in memberPath.Split(['/', '!'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (BundleNames.HostFromBundleName(part) is { } host) return host;
        }
        return null;
    }
}
