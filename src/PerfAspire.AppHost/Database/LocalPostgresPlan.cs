using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// How local mode runs the machine's own PostgreSQL: which binaries, which throw-away data directory, which
/// port and which server flags. Pure data so the command line can be unit tested.
/// </summary>
public sealed record LocalPostgresPlan(string BinDir, string DataDir, int Port, bool RunAsPostgresUser, bool Timescale)
{
    /// <summary>Database the services use (the documented default DSN names it).</summary>
    public const string DatabaseName = "ptops";

    public const string MissingBinariesMessage =
        "local database mode needs the PostgreSQL server binaries, which were not found in /usr/lib/postgresql/<version>/bin or on PATH. " +
        "Install them (apt-get install -y postgresql), set PG_BIN to their directory, or use --Database:Mode=external with TIMESCALE_DSN.";

    /// <summary>Finds the binaries (highest version, <c>PG_BIN</c> overrides) or explains how to get them.</summary>
    public static LocalPostgresPlan Create(string dataRoot, int port, string? binDir = null, bool? runAsPostgresUser = null)
    {
        var bin = binDir ?? PostgresBinaries.Find() ?? throw new DatabaseConfigurationException(
            Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } pgBin
                ? $"PG_BIN={pgBin} does not contain the PostgreSQL server binaries (initdb, postgres): point it at e.g. /usr/lib/postgresql/15/bin, or unset it."
                : MissingBinariesMessage);
        var dataDir = Path.Combine(dataRoot, "pg-" + Guid.NewGuid().ToString("N")[..12]);
        return new LocalPostgresPlan(bin, dataDir, port, runAsPostgresUser ?? PostgresBinaries.IsRoot, PostgresBinaries.HasTimescale(bin));
    }

    public string Postgres => Path.Combine(BinDir, "postgres");

    public string InitDb => Path.Combine(BinDir, "initdb");

    /// <summary>
    /// The server's own flags. Durability is off on purpose: the data directory is thrown away with the run.
    /// </summary>
    public IReadOnlyList<string> ServerArgs
    {
        get
        {
            List<string> a =
            [
                "-D", DataDir, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={DataDir}",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200", "-c", "shared_buffers=256MB",
            ];
            if (Timescale) a.AddRange(["-c", "shared_preload_libraries=timescaledb", "-c", "timescaledb.telemetry_level=off"]);
            return a;
        }
    }

    /// <summary>
    /// Command and arguments of the executable resource. PostgreSQL refuses to run as root, so as root the
    /// server is exec'd as the <c>postgres</c> user by setpriv: unlike runuser, setpriv leaves no parent
    /// process behind, so the orchestrator's stop signal reaches the postmaster directly.
    /// </summary>
    public (string Command, IReadOnlyList<string> Args) ServerCommand =>
        RunAsPostgresUser
            ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", Postgres, .. ServerArgs])
            : (Postgres, ServerArgs);

    /// <summary>initdb arguments (trust auth: the server listens on 127.0.0.1 only and lives as long as the run).</summary>
    public IReadOnlyList<string> InitDbArgs => ["-D", DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"];

    public string ConnectionString(string? database = DatabaseName) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";
}
