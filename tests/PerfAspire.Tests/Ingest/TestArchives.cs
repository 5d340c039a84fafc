using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace PerfAspire.Tests.Ingest;

/// <summary>Builds small bundles (including hostile ones) for discovery tests.</summary>
internal static class TestArchives
{
    public const string HostId = "564d4e1ab2f0";

    /// <summary>A tiny valid ptop log starting at <paramref name="startUtc"/> with <paramref name="epochs"/> one-minute epochs of one CPU line.</summary>
    public static string Log(DateTime startUtc, int epochs = 2, bool ident = true)
    {
        var sb = new StringBuilder();
        if (ident) sb.Append($"IDENT 9.0.5-52728-5501324ffb0c {HostId}\n");
        sb.Append("ARGS /usr/bin/ptop -C -Ms -d60 -b -l/var/log\n");
        for (var i = 0; i < epochs; i++)
        {
            var t = startUtc.AddMinutes(i);
            sb.Append($"\nTIME {60 * (i + 1)} {new DateTimeOffset(t).ToUnixTimeSeconds()} {t:yyyy-MM-dd HH:mm:ss}\n");
            sb.Append("CPU  cpu u  5.7 id/io 47.4 46.9 u/s/n  0.0  3.6  2.1 irq h/s  0.0  0.0\n");
        }
        return sb.ToString();
    }

    public static string LogName(DateTime startUtc, bool gzip = false) => $"ptop-{startUtc:yyyyMMdd_HHmm}.log" + (gzip ? ".gz" : "");

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public abstract record Member(string Name);
    public sealed record FileMember(string Name, byte[] Data) : Member(Name);
    public sealed record LinkMember(string Name, string Target, bool Hard = false) : Member(Name);

    /// <summary>A FIFO, character or block device entry (tar entry type; in a zip the matching st_mode file type).</summary>
    public sealed record SpecialMember(string Name, TarEntryType Type) : Member(Name)
    {
        public uint ZipMode => Type switch
        {
            TarEntryType.Fifo => 0x1180u,
            TarEntryType.CharacterDevice => 0x2180u,
            TarEntryType.BlockDevice => 0x6180u,
            _ => throw new ArgumentOutOfRangeException(nameof(Type)),
        };
    }

    public static FileMember Entry(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    public static FileMember Entry(string name, byte[] data) => new(name, data);

    public static byte[] Tar(params Member[] members)
    {
        using var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var m in members)
            {
                switch (m)
                {
                    case FileMember f:
                        var e = new PaxTarEntry(TarEntryType.RegularFile, f.Name) { DataStream = new MemoryStream(f.Data) };
                        w.WriteEntry(e);
                        break;
                    case LinkMember l:
                        w.WriteEntry(new PaxTarEntry(l.Hard ? TarEntryType.HardLink : TarEntryType.SymbolicLink, l.Name) { LinkName = l.Target });
                        break;
                    case SpecialMember sp:
                        var special = new PaxTarEntry(sp.Type, sp.Name);
                        if (sp.Type is not TarEntryType.Fifo) (special.DeviceMajor, special.DeviceMinor) = (1, 3);
                        w.WriteEntry(special);
                        break;
                }
            }
        }
        return ms.ToArray();
    }

    public static byte[] TarGz(params Member[] members) => Gzip(Tar(members));

    public static byte[] Zip(params Member[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var m in members)
            {
                var entry = zip.CreateEntry(m.Name, CompressionLevel.Optimal);
                if (m is LinkMember l)
                {
                    entry.ExternalAttributes = unchecked((int)(0xA1FFu << 16));
                    using var s = entry.Open();
                    s.Write(Encoding.UTF8.GetBytes(l.Target));
                }
                else if (m is SpecialMember sp)
                {
                    entry.ExternalAttributes = unchecked((int)(sp.ZipMode << 16));
                    using var s = entry.Open();
                }
                else if (m is FileMember f)
                {
                    entry.ExternalAttributes = unchecked((int)(0x81A4u << 16));
                    using var s = entry.Open();
                    s.Write(f.Data);
                }
            }
        }
        return ms.ToArray();
    }

    /// <summary>A fresh temporary directory removed when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir() => Path = Directory.CreateTempSubdirectory("perfaspire-ingest-t-").FullName;

        public string Path { get; }

        public string Write(string relative, byte[] data)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            System.IO.File.WriteAllBytes(full, data);
            return full;
        }

        public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
