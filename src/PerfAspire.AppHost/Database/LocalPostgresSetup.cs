using System.Diagnostics;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.AppHost.Database;

/// <summary>Prepares and removes the throw-away data directory of local mode.</summary>
public static class LocalPostgresSetup
{
    /// <summary>Creates the data directory and runs initdb (once; a restart from the dashboard reuses it).</summary>
    public static async Task InitAsync(LocalPostgresPlan plan, CancellationToken ct)
    {
        Directory.CreateDirectory(plan.DataDir);
        if (plan.RunAsPostgresUser) await RunAsync("chown", ["-R", "postgres:postgres", plan.DataDir], asPostgres: false, ct);
        if (File.Exists(Path.Combine(plan.DataDir, "PG_VERSION"))) return;
        await RunAsync(plan.InitDb, plan.InitDbArgs, plan.RunAsPostgresUser, ct);
    }

    /// <summary>
    /// Removes data directories left by earlier runs that were killed before they could clean up (their
    /// postmaster is gone). Directories of a live server are kept.
    /// </summary>
    public static void RemoveStale(string dataRoot)
    {
        if (!Directory.Exists(dataRoot)) return;
        foreach (var dir in Directory.GetDirectories(dataRoot, "pg-*"))
        {
            if (IsServerAlive(dir)) continue;
            TryDelete(dir);
        }
    }

    public static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static bool IsServerAlive(string dir)
    {
        var pidFile = Path.Combine(dir, "postmaster.pid");
        try
        {
            if (!File.Exists(pidFile)) return false;
            var first = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(first, out var pid) && Directory.Exists($"/proc/{pid}");
        }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return true; }
    }

    static async Task RunAsync(string file, IEnumerable<string> args, bool asPostgres, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file]) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }

    /// <summary>True when the user running the AppHost can start the server (used for the error message only).</summary>
    public static bool CanDropToPostgresUser() => !PostgresBinaries.IsRoot || File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal));
}
