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
    /// Marks the data directory as belonging to this process (a file beside it: initdb wants an empty
    /// directory), so concurrent AppHosts sharing the data root never sweep each other's servers.
    /// </summary>
    public static void ClaimOwnership(LocalPostgresPlan plan)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(plan.DataDir)!);
        File.WriteAllText(OwnerFile(plan.DataDir), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Removes data directories of earlier runs whose AppHost is gone (killed before it could clean up; the
    /// orchestrator stops their server when the AppHost dies).
    /// </summary>
    public static void RemoveStale(string dataRoot)
    {
        if (!Directory.Exists(dataRoot)) return;
        foreach (var owner in Directory.GetFiles(dataRoot, "pg-*.owner"))
        {
            try
            {
                if (int.TryParse(File.ReadAllText(owner).Trim(), out var pid) && Directory.Exists($"/proc/{pid}")) continue;
                var dir = owner[..^".owner".Length];
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                File.Delete(owner);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public static void Remove(LocalPostgresPlan plan)
    {
        try
        {
            if (Directory.Exists(plan.DataDir)) Directory.Delete(plan.DataDir, recursive: true);
            File.Delete(OwnerFile(plan.DataDir));
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    static string OwnerFile(string dataDir) => dataDir + ".owner";

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
