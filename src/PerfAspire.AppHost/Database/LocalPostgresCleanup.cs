using Microsoft.Extensions.Hosting;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// Deletes local mode's data directory once the whole application has stopped (ApplicationStopped runs after
/// the orchestrator has stopped the server). Runs killed before this point are swept at the next start.
/// </summary>
public sealed class LocalPostgresCleanup(LocalPostgresPlan plan, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() =>
        {
            var pidFile = Path.Combine(plan.DataDir, "postmaster.pid");
            // The postmaster removes its pid file as the last step of shutdown.
            for (var i = 0; i < 50 && File.Exists(pidFile); i++) Thread.Sleep(100);
            if (!File.Exists(pidFile)) LocalPostgresSetup.Remove(plan);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
