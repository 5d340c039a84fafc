namespace PerfAspire.Ingest.Bundles;

/// <summary>
/// A private directory (mode 0700) for the few things a load cannot stream: a zip nested in a tar (zip needs
/// random access) and a log that appears in a tar before its turn. Created lazily, removed with everything in it
/// when the load ends. File names are generated here, never taken from archive members, so nothing can be
/// written outside it.
/// </summary>
internal sealed class WorkArea(string? baseDirectory = null) : IDisposable
{
    string? _dir;
    int _next;

    public string? Directory => _dir;

    /// <summary>A fresh file path inside the work area (the file does not exist yet).</summary>
    public string NewFile(string extension)
    {
        if (_dir is null)
        {
            var root = baseDirectory ?? Path.GetTempPath();
            System.IO.Directory.CreateDirectory(root);
            var dir = Path.Combine(root, "perfaspire-work-" + Guid.NewGuid().ToString("N")[..12]);
            if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(dir);
            else System.IO.Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            _dir = dir;
        }
        return Path.Combine(_dir, $"{Interlocked.Increment(ref _next):D5}{extension}");
    }

    public void Dispose()
    {
        if (_dir is null) return;
        try { System.IO.Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _dir = null;
    }
}
