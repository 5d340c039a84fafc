using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using PerfAspire.Schema.Sql;

namespace PerfAspire.LocalPostgres;

/// <summary>
/// Prepares, checks, initialises and removes local PostgreSQL instances. Every refusal is one
/// <see cref="LocalPostgresException"/> line naming the directory and the fix; nothing here ever deletes a kept
/// instance except <see cref="Reset"/>.
/// </summary>
public static class LocalPostgresSetup
{
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>What the user runs to wipe a kept instance (named in the messages).</summary>
    public const string ResetHint = "./run.sh --reset-data";

    /// <summary>
    /// Resolves the binaries and the instance directory, checks it, takes its lock, and makes sure the password file
    /// and socket directory exist. initdb runs later (<see cref="InitAsync"/>), when the server is about to start.
    /// </summary>
    public static LocalPostgresInstance Prepare(LocalPostgresOptions options)
    {
        var bin = options.BinDir ?? PostgresBinaries.FindOrExplain();
        var asPostgres = PostgresBinaries.IsRoot;
        if (asPostgres && !PostgresBinaries.ServerUserExists())
        {
            throw new LocalPostgresException(
                "local PostgreSQL runs as the 'postgres' user when started as root, but that user does not exist. Install the server package (apt-get install -y postgresql) or run as a normal user.");
        }
        var installed = PostgresBinaries.HasTimescale(bin);
        if (options.Timescale == true && !installed)
        {
            throw new LocalPostgresException(
                $"TimescaleDB was asked for but is not installed for the PostgreSQL server in {bin} (no timescaledb.so / timescaledb.control). Install it (scripts/dev/install-timescaledb.sh), or ask for plain PostgreSQL.");
        }

        InstanceLayout layout;
        var ephemeral = options.Ephemeral && options.InstanceDir is null;
        if (options.InstanceDir is { Length: > 0 } exact)
        {
            layout = new InstanceLayout(Path.GetFullPath(exact));
            EnsurePrivateDirectory(Path.GetDirectoryName(layout.Dir)!, asPostgres, exactRoot: false);
        }
        else if (ephemeral)
        {
            var root = options.Root ?? InstanceLayout.EphemeralRoot();
            EnsurePrivateDirectory(root, asPostgres, exactRoot: true);
            SweepOrphans(root);
            layout = InstanceLayout.Ephemeral(root);
        }
        else
        {
            var root = options.Root ?? InstanceLayout.DefaultPersistentRoot();
            EnsurePrivateDirectory(root, asPostgres, exactRoot: true);
            layout = InstanceLayout.Persistent(root, PostgresBinaries.MajorVersion(bin));
        }

        EnsurePrivateDirectory(layout.Dir, asPostgres, exactRoot: true);
        var lockHandle = TakeLock(layout);
        try
        {
            if (!ephemeral) CheckExistingData(layout, bin);
            EnsurePrivateDirectory(layout.SocketDir, asPostgres, exactRoot: true);
            var password = EnsurePassword(layout, asPostgres);
            if (asPostgres) CheckServerUserCanWrite(layout);
            var port = options.Port is int p and > 0 ? p : FreeLoopbackPort();
            if (Encoding.UTF8.GetByteCount(Path.Combine(layout.SocketDir, ".s.PGSQL." + port)) > 107)
            {
                throw new LocalPostgresException(
                    $"the socket path under {layout.SocketDir} is longer than the 107 bytes a Unix socket allows. Fix: choose a shorter data root (--Database:DataRoot=PATH).");
            }
            var plan = new LocalPostgresPlan(bin, layout, port, asPostgres, options.Timescale ?? installed, ephemeral)
            {
                TimescaleWorkers = options.TimescaleWorkers ?? LocalPostgresPlan.DefaultTimescaleWorkers,
            };
            return new LocalPostgresInstance(plan, password, lockHandle);
        }
        catch
        {
            lockHandle.Dispose();
            if (ephemeral) TryDelete(layout.Dir);
            throw;
        }
    }

    /// <summary>Runs initdb when the data directory is new (a restart reuses it).</summary>
    public static async Task InitAsync(LocalPostgresPlan plan, CancellationToken ct)
    {
        if (File.Exists(plan.Layout.VersionFile)) return;
        if (Directory.Exists(plan.Layout.DataDir) && Directory.EnumerateFileSystemEntries(plan.Layout.DataDir).Any())
        {
            throw new LocalPostgresException(
                $"{plan.Layout.DataDir} is not empty but holds no PostgreSQL data directory (no PG_VERSION); it was left as it is. Fix: move it away, or wipe the instance with {ResetHint}.");
        }
        var (command, args) = plan.AsServerUser(plan.InitDb, plan.InitDbArgs);
        await RunAsync("initdb", command, args, ct);
    }

    /// <summary>
    /// Once the server answers on its socket: sets the superuser's password to the password file's (so the file
    /// is always the truth, also after it was regenerated) and creates <paramref name="database"/> when missing.
    /// </summary>
    public static async Task EnsureReadyAsync(LocalPostgresPlan plan, string password, string? database, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(plan.SocketConnectionString() + ";Pooling=false;Timeout=5");
        await conn.OpenAsync(ct);
        await using (var alter = new NpgsqlCommand(ServerSql.SetPassword(LocalPostgresPlan.SuperUser, password), conn))
        {
            await alter.ExecuteNonQueryAsync(ct);
        }
        if (database is null) return;
        await using var exists = new NpgsqlCommand(ServerSql.DatabaseExists, conn) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand(ServerSql.CreateDatabase(database), conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Wipes the kept instance of these binaries' major version under <paramref name="root"/>. Refuses while any
    /// process holds it or its server still runs. Returns the removed directory, or null when there was none.
    /// </summary>
    public static string? Reset(string? root = null, string? binDir = null)
    {
        var bin = binDir ?? PostgresBinaries.FindOrExplain();
        var layout = InstanceLayout.Persistent(root ?? InstanceLayout.DefaultPersistentRoot(), PostgresBinaries.MajorVersion(bin));
        if (!Directory.Exists(layout.Dir)) return null;
        using (TakeLock(layout))
        {
            if (RunningPostmaster(layout) is int pid)
            {
                throw new LocalPostgresException(
                    $"{layout.Dir} is in use by a PostgreSQL server (pid {pid}); nothing was wiped. Fix: stop it first (pg_ctl -D {layout.DataDir} stop).");
            }
            Directory.Delete(layout.Dir, recursive: true);
        }
        return layout.Dir;
    }

    /// <summary>Removes a throw-away instance (its server stopped).</summary>
    public static void Remove(InstanceLayout layout) => TryDelete(layout.Dir);

    /// <summary>
    /// Throw-away instances whose owner is gone (a killed test run, a killed AppHost) still hold a directory and
    /// maybe a running server: the server gets an immediate shutdown (its data is throw-away) and the directory goes.
    /// An instance whose lock can be taken has no owner.
    /// </summary>
    public static void SweepOrphans(string root)
    {
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.GetDirectories(root, InstanceLayout.EphemeralPrefix + "*"))
        {
            var layout = new InstanceLayout(dir);
            try
            {
                // A directory without a lock file is being created right now, or was left by a crash at that moment.
                if (!File.Exists(layout.LockFile) && Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddMinutes(-5)) continue;
                using var held = TryLock(layout);
                if (held is null) continue;
                if (RunningPostmaster(layout) is int pid)
                {
                    using var kill = Process.Start("kill", ["-QUIT", pid.ToString(CultureInfo.InvariantCulture)]);
                    kill.WaitForExit();
                    for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}"); i++) Thread.Sleep(100);
                }
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The pid of a live postmaster on this instance, or null (no pid file, or a stale one).</summary>
    public static int? RunningPostmaster(InstanceLayout layout)
    {
        if (!File.Exists(layout.PidFile)) return null;
        string? first;
        try { first = File.ReadLines(layout.PidFile).FirstOrDefault(); }
        catch (IOException) { return null; }
        if (!int.TryParse(first, out var pid) || pid <= 0) return null;
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() is "postgres" or "postmaster" ? pid : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return pid; }
    }

    static void CheckExistingData(InstanceLayout layout, string bin)
    {
        if (File.Exists(layout.VersionFile))
        {
            var text = File.ReadAllText(layout.VersionFile).Trim();
            var major = PostgresBinaries.MajorVersion(bin);
            if (text != major.ToString(CultureInfo.InvariantCulture))
            {
                throw new LocalPostgresException(
                    $"{layout.DataDir} holds data of PostgreSQL {text}, but the server binaries in {bin} are PostgreSQL {major}; it was left as it is. " +
                    $"Fix: point PG_BIN at PostgreSQL {text}'s binaries, upgrade it with pg_upgrade, or wipe it with {ResetHint}.");
            }
        }
        if (RunningPostmaster(layout) is int pid)
        {
            throw new LocalPostgresException(
                $"{layout.Dir} is in use by a PostgreSQL server (pid {pid}) that this AppHost did not start. Fix: stop it (pg_ctl -D {layout.DataDir} stop), or run with --Database:Ephemeral=true for throw-away data.");
        }
        if (File.Exists(layout.PidFile))
        {
            // Left by a server that died (power loss, kill -9): its process is gone, so the file only blocks a start.
            Console.Error.WriteLine($"PerfAspire: removing the stale {layout.PidFile} (its server is no longer running).");
            File.Delete(layout.PidFile);
        }
    }

    static string EnsurePassword(InstanceLayout layout, bool asPostgres)
    {
        if (File.Exists(layout.PasswordFile))
        {
            var text = File.ReadAllText(layout.PasswordFile).Trim();
            if (text.Length >= 16 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                if (File.GetUnixFileMode(layout.PasswordFile) != PrivateFile) File.SetUnixFileMode(layout.PasswordFile, PrivateFile);
                return text;
            }
        }
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var temp = layout.PasswordFile + ".new";
        using (var f = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = PrivateFile }))
        using (var w = new StreamWriter(f))
        {
            w.WriteLine(password);
        }
        File.SetUnixFileMode(temp, PrivateFile);
        if (asPostgres) Chown(temp);
        File.Move(temp, layout.PasswordFile, overwrite: true);
        return password;
    }

    /// <summary>
    /// Creates the directory private to the server's account (0700; owned by postgres when started as root), or
    /// checks that an existing one is usable. Only directories this code owns (<paramref name="exactRoot"/>) get
    /// their mode tightened; a parent given by the user is left alone.
    /// </summary>
    static void EnsurePrivateDirectory(string dir, bool asPostgres, bool exactRoot)
    {
        try
        {
            var existed = Directory.Exists(dir);
            if (!existed)
            {
                var parent = Path.GetDirectoryName(dir);
                if (parent is not null) Directory.CreateDirectory(parent);
                Directory.CreateDirectory(dir, Private);
            }
            if (exactRoot)
            {
                if (existed) CheckOwner(dir, asPostgres);
                if (File.GetUnixFileMode(dir) != Private) File.SetUnixFileMode(dir, Private);
                if (asPostgres) Chown(dir);
            }
            var probe = Path.Combine(dir, ".perfaspire-probe-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalPostgresException(
                $"cannot use the local PostgreSQL directory {dir} ({e.Message.TrimEnd('.')}). Fix: make it writable for {Environment.UserName} and free some space, or choose another place with --Database:DataRoot=PATH.");
        }
    }

    /// <summary>
    /// A directory that existed before this start (a data root in a shared place such as /tmp could have been made
    /// by anyone, mode 0777 included) is only taken over when it, and a link leading to it, belong to this account
    /// (or, started as root, to root or postgres); then its mode is tightened to 0700. Anyone else's is refused:
    /// tightening it would not take away what its owner can do with it.
    /// </summary>
    static void CheckOwner(string dir, bool asPostgres)
    {
        if (!OperatingSystem.IsLinux()) return;
        var trusted = new List<uint> { PostgresBinaries.UserId };
        if (asPostgres)
        {
            trusted.Add(0);
            if (PostgresBinaries.ServerUserId() is uint pg) trusted.Add(pg);
        }
        var path = dir.TrimEnd('/');
        if (path.Length == 0) path = "/";
        var link = new DirectoryInfo(path).LinkTarget is not null;
        foreach (var follow in link ? new[] { false, true } : [true])
        {
            if (UnixOwner.Of(path, follow) is not uint owner || trusted.Contains(owner)) continue;
            throw new LocalPostgresException(
                $"{dir} already exists{(link && !follow ? " (as a link)" : "")} and belongs to another user (uid {owner}), who could still reach the data there. Fix: remove it, or choose another place with --Database:DataRoot=PATH.");
        }
    }

    /// <summary>As root the server runs as postgres: every directory above the instance must let it through.</summary>
    static void CheckServerUserCanWrite(InstanceLayout layout)
    {
        var psi = new ProcessStartInfo("setpriv", ["--reuid=" + PostgresBinaries.ServerUser, "--regid=" + PostgresBinaries.ServerUser, "--init-groups", "--", "test", "-w", layout.Dir, "-a", "-x", layout.Dir])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new LocalPostgresException(
                $"the postgres user, which runs the server when started as root, cannot reach {layout.Dir} (a directory above it is private, e.g. /root). Fix: choose a data root it can reach, e.g. --Database:DataRoot=/var/lib/perfaspire.");
        }
    }

    static FileStream TakeLock(InstanceLayout layout) => TryLock(layout) ?? throw new LocalPostgresException(
        $"{layout.Dir} is in use by another PerfAspire ({Owner(layout)}). Fix: stop that one first, or run this one with --Database:Ephemeral=true for throw-away data.");

    /// <summary>
    /// Opens the lock file exclusively. On Unix .NET backs FileShare.None with flock, so a second process (or a
    /// second open in this one) is refused, and the lock dies with its process: no stale lock after a crash.
    /// </summary>
    static FileStream? TryLock(InstanceLayout layout)
    {
        try
        {
            var f = new FileStream(layout.LockFile, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = PrivateFile,
            });
            // Readers of the owner cannot open the locked file itself (a shared flock): the pid goes beside it.
            File.WriteAllText(layout.OwnerFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            return f;
        }
        catch (IOException) when (File.Exists(layout.LockFile))
        {
            return null;
        }
    }

    static string Owner(InstanceLayout layout)
    {
        try
        {
            return int.TryParse(File.ReadAllText(layout.OwnerFile).Trim(), out var pid) ? $"pid {pid}" : "another process";
        }
        catch (IOException) { return "another process"; }
    }

    static void Chown(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("chown", [PostgresBinaries.ServerUser + ":" + PostgresBinaries.ServerUser, path]) { UseShellExecute = false, RedirectStandardError = true })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new LocalPostgresException($"cannot hand {path} to the postgres user ({p.StandardError.ReadToEnd().Trim()}). Fix: choose another place with --Database:DataRoot=PATH.");
    }

    static void TryDelete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    internal static async Task RunAsync(string name, string file, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new LocalPostgresException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new LocalPostgresException($"{name} failed ({p.ExitCode}): {(await stderr).Trim().ReplaceLineEndings(" ")} {(await stdout).Trim().ReplaceLineEndings(" ")}".Trim());
        }
    }

    static int FreeLoopbackPort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
