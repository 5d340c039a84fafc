using System.Runtime.InteropServices;

namespace PerfAspire.Ingest.Bundles;

/// <summary>What a path is, asked without following a final symbolic link and without opening it.</summary>
internal enum FileKind { Missing, Regular, Directory, Link, Special }

/// <summary>
/// The file type of a path from statx(2) (lstat semantics). .NET's file APIs report FIFOs, sockets and devices as
/// ordinary files, and opening a FIFO blocks until a writer appears, so a FIFO named like a ptop log would hang a
/// load forever: every path is classified here before it is opened, and only regular files and directories are read.
/// </summary>
internal static class FileKinds
{
    const int AtFdCwd = -100;
    const int AtSymlinkNoFollow = 0x100;
    const uint StatxType = 0x1;
    const int ModeOffset = 28; // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32), stx_mode (u16)

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    static bool _noStatx = !OperatingSystem.IsLinux();

    public static FileKind Of(string path)
    {
        if (!_noStatx)
        {
            try
            {
                var buffer = new byte[256];
                if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return FileKind.Missing;
                return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
                {
                    0x8000 => FileKind.Regular,
                    0x4000 => FileKind.Directory,
                    0xA000 => FileKind.Link,
                    _ => FileKind.Special,
                };
            }
            catch (EntryPointNotFoundException)
            {
                _noStatx = true;
            }
            catch (DllNotFoundException)
            {
                _noStatx = true;
            }
        }
        // Without statx (another C library or OS) only what .NET can tell: links and directories.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.Link;
        if (Directory.Exists(path)) return FileKind.Directory;
        return info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>Throws <c>refused_special</c> unless <paramref name="path"/> is a regular file (checked right before every open).</summary>
    public static void RequireRegular(string path, string shown)
    {
        var kind = Of(path);
        if (kind is FileKind.Regular or FileKind.Missing) return; // a missing file fails in the open with its own error
        throw RefusedSpecial(shown, kind);
    }

    public static IngestException RefusedSpecial(string shown, FileKind kind) =>
        new(IngestErrors.RefusedSpecial,
            $"refused_special:{shown}: it is a {Describe(kind)}, not a regular file or directory; only regular files and directories are read. Point the load at the bundle's directory or archive.");

    static string Describe(FileKind kind) => kind switch
    {
        FileKind.Link => "symbolic link",
        FileKind.Directory => "directory",
        _ => "special file (FIFO, socket or device)",
    };
}
