using System.Formats.Tar;
using System.IO.Compression;

namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// Visits every regular file of a bundle in storage order without extracting anything: directories are walked
/// (links are never followed), tar and tar.gz are read as streams, zip by random access. Archives nested one level
/// are opened (<see cref="MaxArchiveDepth"/>); a zip nested in a stream is spilled to the <see cref="WorkArea"/>
/// because zip needs random access. Members with <c>..</c> or absolute names, links and special files are refused
/// with a warning token and never read. All decompression is charged to the <see cref="DecompressionBudget"/>.
/// Stream sources (the visit's <see cref="BundleMember.Open"/>) are returned as streams the caller disposes.
/// </summary>
internal sealed class BundleWalker(DecompressionBudget budget, WorkArea work, BundleWarnings warnings) : IDisposable
{
    /// <summary>An archive inside the bundle's archive (or inside a bundle directory's archive) is opened; deeper ones are not.</summary>
    public const int MaxArchiveDepth = 2;

    readonly List<IDisposable> _open = [];
    readonly Dictionary<string, string> _spilledZips = new(StringComparer.Ordinal);

    public DecompressionBudget Budget => budget;

    public void Walk(string rootPath, BundleKind kind, Action<BundleMember> visit)
    {
        try
        {
            switch (kind)
            {
                case BundleKind.Directory:
                    WalkDirectory(rootPath, visit);
                    break;
                case BundleKind.Tar or BundleKind.TarGz:
                    using (var fs = OpenFile(rootPath))
                    {
                        WalkTar(fs, kind == BundleKind.TarGz, "", Path.GetFileName(rootPath), depth: 1, visit);
                    }
                    break;
                case BundleKind.Zip:
                    WalkZipFile(rootPath, "", Path.GetFileName(rootPath), depth: 1, visit);
                    break;
                default:
                    var info = new FileInfo(rootPath);
                    visit(new BundleMember
                    {
                        Path = info.Name,
                        Name = info.Name,
                        Size = info.Length,
                        Open = () => OpenFile(rootPath),
                        Reopen = () => OpenFile(rootPath),
                    });
                    break;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException)
        {
            throw new IngestException(IngestErrors.InvalidArchive,
                $"invalid_archive: {Path.GetFileName(rootPath)} could not be read as {kind.Wire()} ({e.Message})", inner: e);
        }
    }

    /// <summary>The decompressed bytes of a ptop log member (gzip when its name ends in .gz), charged to the budget.</summary>
    public Stream OpenLog(Stream raw, bool gzip, string what)
    {
        if (!gzip) return raw;
        var counting = new CountingStream(raw);
        return new InflateGuardStream(new GZipStream(counting, CompressionMode.Decompress), () => counting.BytesRead, budget, what);
    }

    void WalkDirectory(string root, Action<BundleMember> visit)
    {
        var pending = new Stack<(DirectoryInfo Dir, string Rel)>();
        pending.Push((new DirectoryInfo(root), ""));
        var files = new List<(FileInfo File, string Rel)>();
        while (pending.Count > 0)
        {
            var (dir, rel) = pending.Pop();
            var entries = dir.GetFileSystemInfos();
            Array.Sort(entries, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            // Subdirectories are pushed in reverse so they pop in name order: a depth-first walk in sorted order.
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                var e = entries[i];
                var path = rel.Length == 0 ? e.Name : rel + "/" + e.Name;
                if (e.LinkTarget is not null)
                {
                    if (Interesting(e.Name)) warnings.Add("refused_link:" + path);
                    continue;
                }
                if (e is DirectoryInfo d) pending.Push((d, path));
            }
            foreach (var e in entries)
            {
                if (e is FileInfo f && e.LinkTarget is null)
                {
                    var path = rel.Length == 0 ? e.Name : rel + "/" + e.Name;
                    // FIFOs, sockets and devices look like files to .NET; opening a FIFO would block the load.
                    if (FileKinds.Of(f.FullName) != FileKind.Regular)
                    {
                        if (Interesting(e.Name)) warnings.Add("refused_special:" + path);
                        continue;
                    }
                    files.Add((f, path));
                }
            }
            foreach (var (file, path) in files)
            {
                budget.CountMember(path);
                var archive = BundleKinds.ArchiveByName(file.Name);
                if (archive is BundleKind.Zip) WalkZipFile(file.FullName, path + "!/", path, depth: 1, visit);
                else if (archive is { } tar)
                {
                    using var fs = OpenFile(file.FullName);
                    WalkTar(fs, tar == BundleKind.TarGz, path + "!/", path, depth: 1, visit);
                }
                else
                {
                    var full = file.FullName;
                    visit(new BundleMember { Path = path, Name = file.Name, Size = file.Length, Open = () => OpenFile(full), Reopen = () => OpenFile(full) });
                }
            }
            files.Clear();
        }
    }

    void WalkTar(Stream raw, bool gzip, string prefix, string what, int depth, Action<BundleMember> visit)
    {
        Stream source = raw;
        CountingStream? counting = null;
        if (gzip)
        {
            counting = new CountingStream(raw, leaveOpen: true);
            source = new InflateGuardStream(new GZipStream(counting, CompressionMode.Decompress), () => counting.BytesRead, budget, what);
        }
        try
        {
            using var reader = new TarReader(source, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                var path = prefix + TrimDotSlash(entry.Name);
                budget.CountMember(path);
                if (!Admit(entry.Name, path)) continue;
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        continue;
                    case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                        if (Interesting(entry.Name)) warnings.Add("refused_link:" + path);
                        continue;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        break;
                    default:
                        if (Interesting(entry.Name)) warnings.Add("refused_special:" + path);
                        continue;
                }
                var name = FileNameOf(entry.Name);
                var data = entry.DataStream ?? Stream.Null;
                var archive = BundleKinds.ArchiveByName(name);
                if (archive is not null)
                {
                    if (depth >= MaxArchiveDepth) { warnings.Add("skipped_nested_archive:" + path); continue; }
                    WalkNested(data, archive.Value, path, depth + 1, visit);
                    continue;
                }
                visit(new BundleMember { Path = path, Name = name, Size = entry.Length, Open = () => new CountingStream(data, leaveOpen: true) });
            }
        }
        finally
        {
            if (gzip) source.Dispose();
        }
    }

    void WalkNested(Stream data, BundleKind kind, string path, int depth, Action<BundleMember> visit)
    {
        if (kind is BundleKind.Zip)
        {
            // Zip keeps its directory at the end: it needs a seekable copy. The copy is made once per load and kept
            // for the second pass.
            if (!_spilledZips.TryGetValue(path, out var file))
            {
                file = work.NewFile(".zip");
                using (var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    data.CopyTo(output);
                }
                _spilledZips[path] = file;
            }
            WalkZipFile(file, path + "!/", path, depth, visit);
            return;
        }
        WalkTar(data, kind == BundleKind.TarGz, path + "!/", path, depth, visit);
    }

    void WalkZipFile(string file, string prefix, string what, int depth, Action<BundleMember> visit)
    {
        var zip = ZipFile.OpenRead(file);
        _open.Add(zip);
        foreach (var entry in zip.Entries)
        {
            var path = prefix + TrimDotSlash(entry.FullName.Replace('\\', '/'));
            budget.CountMember(path);
            if (!Admit(entry.FullName, path)) continue;
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\')) continue;
            // Unix zips keep st_mode in the high 16 bits of the external attributes.
            var type = (entry.ExternalAttributes >> 16) & 0xF000;
            if (type == 0xA000)
            {
                if (Interesting(entry.Name)) warnings.Add("refused_link:" + path);
                continue;
            }
            if (type != 0 && type != 0x8000)
            {
                if (Interesting(entry.Name)) warnings.Add("refused_special:" + path);
                continue;
            }
            var archive = BundleKinds.ArchiveByName(entry.Name);
            Stream OpenEntry() => entry.CompressedLength == entry.Length
                ? entry.Open()
                : new InflateGuardStream(entry.Open(), () => entry.CompressedLength, budget, path);
            if (archive is not null)
            {
                if (depth >= MaxArchiveDepth) { warnings.Add("skipped_nested_archive:" + path); continue; }
                using var s = OpenEntry();
                WalkNested(s, archive.Value, path, depth + 1, visit);
                continue;
            }
            visit(new BundleMember { Path = path, Name = entry.Name, Size = entry.Length, Open = OpenEntry, Reopen = OpenEntry });
        }
    }

    /// <summary>Refuses member names that could point outside the bundle if anyone ever used them as paths.</summary>
    bool Admit(string rawName, string path)
    {
        var name = rawName.Replace('\\', '/');
        var unsafeName = name.StartsWith('/')
            || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
            || name.Contains('\0')
            || name.Split('/').Any(static s => s == "..");
        if (!unsafeName) return true;
        warnings.Add("refused_unsafe_path:" + path);
        return false;
    }

    /// <summary>Links and special files are only worth a warning when they pose as something we would read.</summary>
    static bool Interesting(string name)
    {
        var file = FileNameOf(name);
        return LogFileName.LooksLikeLog(file) || BundleKinds.ArchiveByName(file) is not null;
    }

    static string FileNameOf(string name)
    {
        var trimmed = name.Replace('\\', '/').TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    static string TrimDotSlash(string name)
    {
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name;
    }

    static FileStream OpenFile(string path)
    {
        FileKinds.RequireRegular(path, path);
        return new(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
    }

    public void Dispose()
    {
        foreach (var d in _open) d.Dispose();
        _open.Clear();
    }
}
