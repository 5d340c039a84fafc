using System.Globalization;

namespace PerfAspire.LocalPostgres;

/// <summary>
/// How the machine's own PostgreSQL runs: which binaries, which instance directory, which port and which server
/// flags. Pure data so the command lines can be unit tested; <see cref="LocalPostgresSetup"/> acts on it.
/// </summary>
public sealed record LocalPostgresPlan(string BinDir, InstanceLayout Layout, int Port, bool RunAsPostgresUser, bool Timescale, bool Ephemeral)
{
    /// <summary>Database the services use (the documented default DSN names it).</summary>
    public const string DatabaseName = "ptops";

    /// <summary>The superuser the launcher creates; its password is the instance's password file.</summary>
    public const string SuperUser = "postgres";

    /// <summary>
    /// TimescaleDB background workers by default: every hypertable has a columnstore policy job (about 45 in one
    /// database) and all of them are due at once after a migration; with fewer workers than due jobs the
    /// scheduler logs "failed to launch job" and retries. One scheduler per database comes on top.
    /// </summary>
    public const int DefaultTimescaleWorkers = 64;

    /// <summary>PostgreSQL's own default of parallel query workers, which share max_worker_processes.</summary>
    const int ParallelWorkers = 8;

    public int TimescaleWorkers { get; init; } = DefaultTimescaleWorkers;

    /// <summary>Every background worker the server may need: TimescaleDB's, parallel query's, and a few spare.</summary>
    public int MaxWorkerProcesses => MaxWorkerProcessesFor(Timescale ? TimescaleWorkers : 0);

    static int MaxWorkerProcessesFor(int timescaleWorkers) => timescaleWorkers + ParallelWorkers + 4;

    /// <summary>
    /// The worker settings of a TimescaleDB server as <c>-c</c> flags: the local server and the container image
    /// get the same ones.
    /// </summary>
    public static IReadOnlyList<string> TimescaleWorkerArgs(int timescaleWorkers = DefaultTimescaleWorkers) =>
    [
        "-c", $"timescaledb.max_background_workers={timescaleWorkers.ToString(CultureInfo.InvariantCulture)}",
        "-c", $"max_worker_processes={MaxWorkerProcessesFor(timescaleWorkers).ToString(CultureInfo.InvariantCulture)}",
    ];

    public string Postgres => Path.Combine(BinDir, "postgres");

    public string InitDb => Path.Combine(BinDir, "initdb");

    public string PgCtl => Path.Combine(BinDir, "pg_ctl");

    /// <summary>
    /// The server's own flags. It listens on loopback TCP (password only) and on a socket in the instance's private
    /// socket directory. A throw-away instance turns durability off: it does not outlive the run.
    /// </summary>
    public IReadOnlyList<string> ServerArgs
    {
        get
        {
            List<string> a =
            [
                "-D", Layout.DataDir, "-p", Port.ToString(CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={Layout.SocketDir}",
                "-c", "unix_socket_permissions=0700", "-c", "password_encryption=scram-sha-256",
                "-c", "max_connections=200", "-c", "shared_buffers=256MB",
            ];
            if (Ephemeral) a.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
            else a.AddRange(["-c", "synchronous_commit=off"]);
            if (Timescale)
            {
                a.AddRange(["-c", "shared_preload_libraries=timescaledb", "-c", "timescaledb.telemetry_level=off"]);
                a.AddRange(TimescaleWorkerArgs(TimescaleWorkers));
            }
            else
            {
                a.AddRange(["-c", $"max_worker_processes={MaxWorkerProcesses.ToString(CultureInfo.InvariantCulture)}"]);
            }
            return a;
        }
    }

    /// <summary>
    /// Command and arguments that run the server in the foreground. PostgreSQL refuses to run as root, so as root
    /// it is exec'd as the <c>postgres</c> user by setpriv: unlike runuser, setpriv leaves no parent process behind,
    /// so a stop signal reaches the postmaster directly.
    /// </summary>
    public (string Command, IReadOnlyList<string> Args) ServerCommand => AsServerUser(Postgres, ServerArgs);

    /// <summary>Wraps a PostgreSQL program so it runs as the server's account (setpriv as root).</summary>
    public (string Command, IReadOnlyList<string> Args) AsServerUser(string program, IEnumerable<string> args) =>
        RunAsPostgresUser
            ? ("setpriv", ["--reuid=" + PostgresBinaries.ServerUser, "--regid=" + PostgresBinaries.ServerUser, "--init-groups", "--", program, .. args])
            : (program, [.. args]);

    /// <summary>
    /// initdb arguments: SCRAM passwords for every TCP connection, trust only on the socket, whose directory is
    /// private to the server's account. The superuser password comes from the instance's password file.
    /// </summary>
    public IReadOnlyList<string> InitDbArgs
    {
        get
        {
            List<string> a =
            [
                "-D", Layout.DataDir, "-U", SuperUser, "--auth-host=scram-sha-256", "--auth-local=trust",
                "--pwfile=" + Layout.PasswordFile, "-E", "UTF8", "--locale=C.UTF-8",
            ];
            if (Ephemeral) a.Add("--no-sync");
            return a;
        }
    }

    /// <summary>TCP connection string with the instance's password.</summary>
    public string ConnectionString(string password, string database = DatabaseName) =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Password={password};Database={database}";

    /// <summary>Connection through the private socket directory (no password; only the server's account can enter it).</summary>
    public string SocketConnectionString(string database = "postgres") =>
        $"Host={Layout.SocketDir};Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Database={database}";
}
