namespace PerfAspire.ServiceDefaults.Database;

/// <summary>Finds the machine's own PostgreSQL server binaries (Debian: /usr/lib/postgresql/&lt;ver&gt;/bin).</summary>
public static class PostgresBinaries
{
    /// <summary>
    /// Highest installed server version's bin directory, or null. <c>PG_BIN</c> overrides; a <c>PG_BIN</c> without
    /// the binaries gives null rather than silently falling back to another installation.
    /// </summary>
    public static string? Find()
    {
        var overridden = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(Path.Combine(overridden, "initdb")) && File.Exists(Path.Combine(overridden, "postgres")) ? overridden : null;
        }

        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.GetDirectories(root)
                .Select(d => (dir: d, ok: int.TryParse(Path.GetFileName(d), out var v), v))
                .Where(x => x.ok && File.Exists(Path.Combine(x.dir, "bin", "initdb")) && File.Exists(Path.Combine(x.dir, "bin", "postgres")))
                .OrderByDescending(x => x.v)
                .FirstOrDefault();
            if (best.dir is not null) return Path.Combine(best.dir, "bin");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres"))) return dir;
        }
        return null;
    }

    /// <summary>True when the server's share directory has the timescaledb extension control file.</summary>
    public static bool HasTimescale(string binDir)
    {
        // Debian layout: /usr/lib/postgresql/15/bin -> /usr/share/postgresql/15/extension
        var version = Path.GetFileName(Path.GetDirectoryName(binDir)!);
        string[] candidates =
        [
            $"/usr/share/postgresql/{version}/extension/timescaledb.control",
            Path.Combine(Path.GetDirectoryName(binDir)!, "share", "extension", "timescaledb.control"),
            Path.Combine(Path.GetDirectoryName(binDir)!, "share", "postgresql", "extension", "timescaledb.control"),
        ];
        return candidates.Any(File.Exists);
    }

    public static bool IsRoot => Environment.UserName == "root" || (OperatingSystem.IsLinux() && GetEuid() == 0);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEuid();
}
