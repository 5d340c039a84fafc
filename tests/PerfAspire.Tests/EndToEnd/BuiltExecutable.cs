using System.Diagnostics;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The service executables are copied next to the tests (project references), with their runtimeconfig, so
/// tests launch exactly the built program with <c>dotnet &lt;dll&gt;</c>.
/// </summary>
static class BuiltExecutable
{
    public static string Path(string assemblyName)
    {
        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first");
        return dll;
    }

    /// <summary>Runs to completion (bounded by <paramref name="timeout"/>) and returns exit code and both streams.</summary>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string assemblyName, IEnumerable<string> args, IDictionary<string, string?> env, TimeSpan timeout) =>
        RunCommandAsync("dotnet", [Path(assemblyName), .. args], env, timeout);

    /// <summary>Any command (dotnet pack, an installed tool), run to completion like <see cref="RunAsync"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunCommandAsync(
        string command, IEnumerable<string> args, IDictionary<string, string?> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not exit within {timeout}: {await stderr}");
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
