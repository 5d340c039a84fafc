namespace PerfAspire.LocalPostgres;

/// <summary>
/// One local PostgreSQL instance on disk: a private directory (mode 0700) holding the data directory, the socket
/// directory (the only place the server listens besides loopback TCP with a password) and the superuser password
/// file (mode 0600). Wiping the instance is removing this one directory.
/// </summary>
public sealed record InstanceLayout(string Dir)
{
    public string DataDir => Path.Combine(Dir, "data");

    public string SocketDir => Path.Combine(Dir, "socket");

    public string PasswordFile => Path.Combine(Dir, "password");

    /// <summary>Held (flock) by the process that runs the instance, so a second one is refused, not let in.</summary>
    public string LockFile => Path.Combine(Dir, "perfaspire.lock");

    /// <summary>The pid of the process holding the lock (named in the "in use" message).</summary>
    public string OwnerFile => Path.Combine(Dir, "perfaspire.owner");

    public string PidFile => Path.Combine(DataDir, "postmaster.pid");

    public string VersionFile => Path.Combine(DataDir, "PG_VERSION");

    /// <summary>The kept instance of one major version under a root: <c>&lt;root&gt;/pg15</c>.</summary>
    public static InstanceLayout Persistent(string root, int major) => new(Path.Combine(Path.GetFullPath(root), "pg" + major));

    /// <summary>A fresh throw-away instance under a root: <c>&lt;root&gt;/tmp-&lt;random&gt;</c>.</summary>
    public static InstanceLayout Ephemeral(string root) => new(Path.Combine(Path.GetFullPath(root), EphemeralPrefix + Guid.NewGuid().ToString("N")[..12]));

    public const string EphemeralPrefix = "tmp-";

    /// <summary>
    /// Where kept data lives: <c>$XDG_DATA_HOME/perfaspire</c>, default <c>~/.local/share/perfaspire</c>. As root
    /// the server runs as the postgres user, which cannot enter root's home, so root's default is
    /// <c>/var/lib/perfaspire</c> (an explicit <c>XDG_DATA_HOME</c> still wins).
    /// </summary>
    public static string DefaultPersistentRoot(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (environment("XDG_DATA_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "perfaspire");
        if (PostgresBinaries.IsRoot) return "/var/lib/perfaspire";
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "perfaspire");
    }

    /// <summary>Throw-away instances live in a temporary directory private to the user: <c>/tmp/perfaspire-&lt;uid&gt;</c>.</summary>
    public static string EphemeralRoot() =>
        Path.Combine(Path.GetTempPath(), "perfaspire-" + PostgresBinaries.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
