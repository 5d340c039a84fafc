using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfAspire.LocalPostgres;

/// <summary>Finds the machine's own PostgreSQL server binaries (Debian: /usr/lib/postgresql/&lt;ver&gt;/bin).</summary>
public static partial class PostgresBinaries
{
    public const string MissingMessage =
        "local database mode needs the PostgreSQL server binaries, which were not found in /usr/lib/postgresql/<version>/bin or on PATH. " +
        "Install them (apt-get install -y postgresql), set PG_BIN to their directory, or use --Database:Mode=external with TIMESCALE_DSN.";

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

    /// <summary><see cref="Find"/>, or a <see cref="LocalPostgresException"/> that says how to get the binaries.</summary>
    public static string FindOrExplain() => Find() ?? throw new LocalPostgresException(
        Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } pgBin
            ? $"PG_BIN={pgBin} does not contain the PostgreSQL server binaries (initdb, postgres): point it at e.g. /usr/lib/postgresql/15/bin, or unset it."
            : MissingMessage);

    /// <summary>
    /// True when TimescaleDB is installed for these binaries: its loader library in the server's library directory
    /// and its control file in the extension directory (the Debian layout, or a prefix install beside bin/).
    /// </summary>
    public static bool HasTimescale(string binDir)
    {
        var prefix = Path.GetDirectoryName(binDir)!;
        var version = Path.GetFileName(prefix);
        string[] libraries = [Path.Combine(prefix, "lib", "timescaledb.so"), Path.Combine(prefix, "lib", "postgresql", "timescaledb.so")];
        string[] controls =
        [
            $"/usr/share/postgresql/{version}/extension/timescaledb.control",
            Path.Combine(prefix, "share", "extension", "timescaledb.control"),
            Path.Combine(prefix, "share", "postgresql", "extension", "timescaledb.control"),
        ];
        return libraries.Any(File.Exists) && controls.Any(File.Exists);
    }

    /// <summary>The server's major version (15 for 15.10), from <c>postgres --version</c>.</summary>
    public static int MajorVersion(string binDir)
    {
        var psi = new ProcessStartInfo(Path.Combine(binDir, "postgres"), "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new LocalPostgresException($"could not run {psi.FileName} --version");
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var m = VersionPattern().Match(text);
        return m.Success
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new LocalPostgresException($"{psi.FileName} --version printed '{text.Trim()}', not a PostgreSQL version: point PG_BIN at the server binaries.");
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex VersionPattern();

    /// <summary>
    /// PostgreSQL refuses to run as root, so as root every server command runs as the <c>postgres</c> user.
    /// </summary>
    public static bool IsRoot => Environment.UserName == "root" || (OperatingSystem.IsLinux() && GetEuid() == 0);

    /// <summary>The operating-system account the server runs as when started as root.</summary>
    public const string ServerUser = "postgres";

    /// <summary>True when the account running the server exists (as root: the postgres user).</summary>
    public static bool ServerUserExists() =>
        !IsRoot || File.ReadLines("/etc/passwd").Any(l => l.StartsWith(ServerUser + ":", StringComparison.Ordinal));

    /// <summary>The uid of the postgres account, or null when there is none.</summary>
    public static uint? ServerUserId() =>
        File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[0] == ServerUser) is { } entry
            && uint.TryParse(entry[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var uid) ? uid : null;

    /// <summary>The effective user id, used to name the private temporary root.</summary>
    public static uint UserId => OperatingSystem.IsLinux() ? GetEuid() : 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    static extern uint GetEuid();
}
