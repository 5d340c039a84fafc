using System.Diagnostics;
using Npgsql;

namespace PerfAspire.LocalPostgres;

/// <summary>
/// The machine's PostgreSQL run as a child process of this one: the test fixture, the benchmarks and the
/// perfaspire-pg command use it (the AppHost runs the same plan as an Aspire executable resource instead).
/// By default a throw-away instance on a free loopback port.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    readonly LocalPostgresInstance _instance;
    Process? _process;

    LocalPostgresServer(LocalPostgresInstance instance) => _instance = instance;

    public LocalPostgresPlan Plan => _instance.Plan;

    public string BinDir => Plan.BinDir;

    /// <summary>The PostgreSQL data directory (PGDATA).</summary>
    public string DataDir => Plan.Layout.DataDir;

    public int Port => Plan.Port;

    /// <summary>The server preloads TimescaleDB (it is installed and was not turned off).</summary>
    public bool TimescaleInstalled => Plan.Timescale;

    public string Password => _instance.Password;

    /// <summary>Superuser connection to the <c>postgres</c> database over loopback TCP with the instance's password.</summary>
    public string ConnectionString => Plan.ConnectionString(Password, "postgres") + ";Pooling=true;Include Error Detail=true";

    /// <param name="dataDir">
    /// null: a throw-away instance, removed on dispose. Otherwise an instance directory that is kept (created on first
    /// use), for benchmarks that reuse a loaded database.
    /// </param>
    /// <param name="timescale">
    /// null: preload TimescaleDB when the machine has it installed; false: a plain PostgreSQL server even where it
    /// is installed (the extension is not preloaded, so it cannot be created); true: TimescaleDB required.
    /// </param>
    public static Task<LocalPostgresServer> StartAsync(string? dataDir = null, CancellationToken ct = default, bool? timescale = null) =>
        StartAsync(new LocalPostgresOptions { InstanceDir = dataDir, Ephemeral = dataDir is null, Timescale = timescale }, ct);

    public static async Task<LocalPostgresServer> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        var server = new LocalPostgresServer(LocalPostgresSetup.Prepare(options));
        try
        {
            await server.InitAndStartAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    async Task InitAndStartAsync(CancellationToken ct, string? database = null)
    {
        await LocalPostgresSetup.InitAsync(Plan, ct);

        var (file, args) = Plan.ServerCommand;
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new LocalPostgresException("could not start postgres");
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
                string text;
                lock (log) text = log.ToString();
                throw new LocalPostgresException(
                    $"PostgreSQL refused to start on {Plan.Layout.DataDir} (exit code {_process.ExitCode}): {FirstFatal(text)}");
            }
            try
            {
                await LocalPostgresSetup.EnsureReadyAsync(Plan, Password, database, ct);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>The server's own explanation: its FATAL/ERROR lines, else its last line.</summary>
    internal static string FirstFatal(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fatal = lines.Where(l => l.Contains("FATAL", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal)).ToList();
        return fatal.Count > 0 ? string.Join(" ", fatal) : lines.LastOrDefault() ?? "no output";
    }

    /// <summary>Creates a database when missing (through the socket, as the superuser).</summary>
    public Task EnsureDatabaseAsync(string database, CancellationToken ct = default) =>
        LocalPostgresSetup.EnsureReadyAsync(Plan, Password, database, ct);

    /// <summary>Stops the server (fast shutdown) without removing the data directory.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            var (file, args) = Plan.AsServerUser(Plan.PgCtl, ["-D", DataDir, "-m", "fast", "-w", "stop"]);
            try { await LocalPostgresSetup.RunAsync("pg_ctl", file, args, default); }
            catch (LocalPostgresException) { _process.Kill(entireProcessTree: true); }
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same port and data directory (fault tests).</summary>
    public Task RestartAsync(CancellationToken ct = default) => InitAndStartAsync(ct);

    /// <summary>Stops the server and releases the instance (a throw-away one is removed).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _instance.Dispose();
    }
}
