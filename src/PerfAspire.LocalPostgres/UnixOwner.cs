using System.Runtime.InteropServices;

namespace PerfAspire.LocalPostgres;

/// <summary>The owner (uid) of a path from statx(2); .NET's file APIs do not tell it.</summary>
internal static class UnixOwner
{
    const int AtFdCwd = -100;
    const int AtSymlinkNoFollow = 0x100;
    const uint StatxUid = 0x8;
    const int UidOffset = 20; // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink (u32), stx_uid (u32)

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    static extern int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    /// <summary>The uid owning <paramref name="path"/> (of a final link itself unless <paramref name="follow"/>); null when it cannot be read.</summary>
    public static uint? Of(string path, bool follow)
    {
        try
        {
            var buffer = new byte[256];
            return Statx(AtFdCwd, path, follow ? 0 : AtSymlinkNoFollow, StatxUid, buffer) == 0 ? BitConverter.ToUInt32(buffer, UidOffset) : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }
}
