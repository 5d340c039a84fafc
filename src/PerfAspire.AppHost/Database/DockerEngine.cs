using System.ComponentModel;
using System.Diagnostics;

namespace PerfAspire.AppHost.Database;

/// <summary>Whether a Docker engine answers: <c>docker info</c> exits 0 within a few seconds.</summary>
public static class DockerEngine
{
    public static bool IsAvailable(TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var p = Process.Start(psi);
            if (p is null) return false;
            // Drain the pipes so a chatty client cannot block on a full buffer.
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(10)))
            {
                p.Kill(entireProcessTree: true);
                return false;
            }
            return p.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // no docker client on PATH
        }
    }
}
