using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;
using PerfAspire.LocalPostgres;

namespace PerfAspire.Bench.Load;

/// <summary>
/// The product as separate processes, like the AppHost runs it: a throw-away PostgreSQL, then the ingest, docs and
/// MCP services (their built executables) on free loopback ports, wired by the same settings the AppHost passes.
/// </summary>
public sealed class Product : IAsyncDisposable
{
    readonly LocalPostgresServer _pg;
    readonly List<Process> _services = [];
    readonly string _logDir;

    Product(LocalPostgresServer pg, string logDir)
    {
        _pg = pg;
        _logDir = logDir;
    }

    public Uri McpUrl { get; private set; } = null!;
    public int McpPid { get; private set; }

    public static async Task<Product> StartAsync(string root, string? configuration, CancellationToken ct)
    {
        var dlls = new Dictionary<string, string>();
        foreach (var name in new[] { "Ingest", "Docs", "Mcp" })
        {
            dlls[name] = FindDll(root, name, configuration)
                ?? throw new InvalidOperationException($"perfaspire-{name.ToLowerInvariant()}.dll not built: run dotnet build -c Release src/PerfAspire.{name}");
        }
        var pg = await LocalPostgresServer.StartAsync(ct: ct);
        var logDir = Directory.CreateTempSubdirectory("perfaspire-load-").FullName;
        var product = new Product(pg, logDir);
        try
        {
            await using (var conn = new NpgsqlConnection(pg.ConnectionString))
            {
                await conn.OpenAsync(ct);
                await using var create = new NpgsqlCommand("CREATE DATABASE ptops", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
            var dsn = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "ptops" }.ConnectionString;
            var ports = new Dictionary<string, int> { ["Ingest"] = FreePort(), ["Docs"] = FreePort(), ["Mcp"] = FreePort() };
            var env = new Dictionary<string, string>
            {
                ["TIMESCALE_DSN"] = dsn,
                ["DATABASE_MODE"] = "local",
                ["Mcp__IngestUrl"] = $"http://127.0.0.1:{ports["Ingest"]}",
                ["Mcp__DocsUrl"] = $"http://127.0.0.1:{ports["Docs"]}",
                // The database is new every run; a file cache spares the docs service re-embedding its corpus each time.
                // Same file as scripts/mcp-client/run.sh uses.
                ["Docs__EmbeddingCacheFile"] = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } c ? c
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "perfaspire", "docs-embeddings.bin"),
            };
            foreach (var name in new[] { "Ingest", "Docs", "Mcp" })
            {
                var p = product.Launch(name, dlls[name], ports[name], env);
                if (name == "Mcp") product.McpPid = p.Id;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var (name, port) in ports)
            {
                await WaitHealthyAsync(http, name, new Uri($"http://127.0.0.1:{port}/health"), product._services, ct);
            }
            product.McpUrl = new Uri($"http://127.0.0.1:{ports["Mcp"]}/mcp");
            Console.WriteLine($"product up: MCP {product.McpUrl} (pid {product.McpPid}), logs in {logDir}");
            return product;
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }
    }

    Process Launch(string name, string dll, int port, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in env) psi.Environment[k] = v;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var log = new StreamWriter(Path.Combine(_logDir, name.ToLowerInvariant() + ".log")) { AutoFlush = true };
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _services.Add(process);
        return process;
    }

    static async Task WaitHealthyAsync(HttpClient http, string name, Uri url, List<Process> services, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5); // a cold docs service embeds its corpus first
        while (DateTime.UtcNow < deadline)
        {
            if (services.FirstOrDefault(p => p.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"a service exited during start-up (exit code {dead.ExitCode}); see its log");
            }
            try
            {
                using var r = await http.GetAsync(url, ct);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"{name} not healthy at {url} within 5 minutes");
    }

    /// <summary>The built service executable (perfaspire-&lt;name&gt;.dll), newest first; Release before Debug unless told.</summary>
    internal static string? FindDll(string root, string name, string? configuration)
    {
        var file = $"perfaspire-{name.ToLowerInvariant()}.dll";
        foreach (var config in configuration is null ? ["Release", "Debug"] : new[] { configuration })
        {
            var dir = Path.Combine(root, "src", $"PerfAspire.{name}", "bin", config);
            if (!Directory.Exists(dir)) continue;
            var found = Directory.EnumerateFiles(dir, file, SearchOption.AllDirectories)
                .Where(f => f.Contains("net10.0", StringComparison.Ordinal) && !f.Contains("/publish/", StringComparison.Ordinal))
                .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
            if (found is not null) return found;
        }
        return null;
    }

    static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _services)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
            catch (InvalidOperationException) { }
            p.Dispose();
        }
        await _pg.DisposeAsync();
    }
}
