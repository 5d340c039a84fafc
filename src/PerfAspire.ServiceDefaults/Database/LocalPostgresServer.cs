using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PerfAspire.ServiceDefaults.Database;

/// <summary>
/// A throw-away PostgreSQL server from the machine's own binaries, in a private data directory, on a free
/// loopback port. Used by the test fixture and the benchmarks (the AppHost's local mode runs the same
/// binaries as an Aspire executable resource). Postgres refuses to run as root, so as root every server
/// command runs as the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    Process? _process;

    LocalPostgresServer(string binDir, string dataDir, int port, bool timescale)
    {
        BinDir = binDir;
        DataDir = dataDir;
        Port = port;
        TimescaleInstalled = timescale;
    }

    public string BinDir { get; }
    public string DataDir { get; }
    public int Port { get; }

    /// <summary>The server preloads TimescaleDB (it is installed and was not turned off).</summary>
    public bool TimescaleInstalled { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";

    /// <param name="timescale">
    /// null: preload TimescaleDB when the machine has it installed; false: a plain PostgreSQL server even where it
    /// is installed (the extension is not preloaded, so it cannot be created); true: TimescaleDB required.
    /// </param>
    public static async Task<LocalPostgresServer> StartAsync(string? dataDir = null, CancellationToken ct = default, bool? timescale = null)
    {
        var bin = PostgresBinaries.Find()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH). Install them: apt-get install -y postgresql, or set PG_BIN.");
        var installed = PostgresBinaries.HasTimescale(bin);
        if (timescale == true && !installed)
        {
            throw new InvalidOperationException($"TimescaleDB was asked for but is not installed for the PostgreSQL server in {bin} (no timescaledb.control / timescaledb.so). Install it (scripts/dev/install-timescaledb.sh) or ask for plain PostgreSQL.");
        }
        if (dataDir is null)
        {
            SweepOrphans();
            dataDir = Path.Combine(Path.GetTempPath(), OrphanPrefix + Guid.NewGuid().ToString("N")[..12]);
            // Beside the data directory: initdb wants an empty one.
            await File.WriteAllTextAsync(dataDir + ".owner", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
        Directory.CreateDirectory(dataDir);
        var port = FreePort();
        var server = new LocalPostgresServer(bin, dataDir, port, timescale ?? installed);
        await server.InitAndStartAsync(ct);
        return server;
    }

    async Task InitAndStartAsync(CancellationToken ct)
    {
        if (PostgresBinaries.IsRoot) await RunAsync("chown", ["-R", "postgres:postgres", DataDir], asPostgres: false, ct);
        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await RunAsync(Path.Combine(BinDir, "initdb"), ["-D", DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asPostgres: true, ct);
        }

        var conf = new List<string>
        {
            "-D", DataDir, "-p", Port.ToString(), "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={DataDir}", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "shared_buffers=256MB",
        };
        if (TimescaleInstalled)
        {
            conf.AddRange(["-c", "shared_preload_libraries=timescaledb", "-c", "timescaledb.telemetry_level=off"]);
        }

        var (file, args) = Wrap(Path.Combine(BinDir, "postgres"), conf, asPostgres: true);
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start postgres");
        var log = new System.Text.StringBuilder();
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode}: {log}");
            }
            try
            {
                await using var conn = new NpgsqlConnection(ConnectionString + ";Pooling=false;Timeout=2");
                await conn.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>Stops the server (fast shutdown) without removing the data directory.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            try { await RunAsync(Path.Combine(BinDir, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], asPostgres: true, default); }
            catch (InvalidOperationException) { _process.Kill(entireProcessTree: true); }
            await _process.WaitForExitAsync();
        }
        _process = null;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same port and data directory (fault tests).</summary>
    public Task RestartAsync(CancellationToken ct = default) => InitAndStartAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        File.Delete(DataDir + ".owner");
    }

    const string OrphanPrefix = "perfaspire-pg-";

    /// <summary>
    /// A test run that was killed (hang timeout, Ctrl+C) leaves its server running. Servers whose owning process
    /// is gone are stopped (immediate shutdown: the data is throw-away) and their directories removed.
    /// </summary>
    static void SweepOrphans()
    {
        foreach (var owner in Directory.GetFiles(Path.GetTempPath(), OrphanPrefix + "*.owner"))
        {
            try
            {
                if (int.TryParse(File.ReadAllText(owner).Trim(), out var pid) && Directory.Exists($"/proc/{pid}")) continue;
                var dir = owner[..^".owner".Length];
                var pidFile = Path.Combine(dir, "postmaster.pid");
                if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var postmaster) && Directory.Exists($"/proc/{postmaster}"))
                {
                    using var kill = Process.Start("kill", ["-QUIT", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    kill.WaitForExit();
                }
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                File.Delete(owner);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    static (string File, List<string> Args) Wrap(string file, IEnumerable<string> args, bool asPostgres)
    {
        if (asPostgres && PostgresBinaries.IsRoot)
        {
            return ("runuser", ["-u", "postgres", "--", file, .. args]);
        }
        return (file, [.. args]);
    }

    static async Task RunAsync(string file, IEnumerable<string> args, bool asPostgres, CancellationToken ct)
    {
        var (f, a) = Wrap(file, args, asPostgres);
        var psi = new ProcessStartInfo(f) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var x in a) psi.ArgumentList.Add(x);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {await stderr}{await stdout}");
        }
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
