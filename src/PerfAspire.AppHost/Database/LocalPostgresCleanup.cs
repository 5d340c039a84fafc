using Microsoft.Extensions.Hosting;
using PerfAspire.LocalPostgres;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// Once the whole application has stopped (ApplicationStopped runs after the orchestrator has stopped the
/// server), releases the instance: its lock, and for a throw-away instance its directory. A kept instance's
/// directory stays. Throw-away instances of killed runs are swept at the next start.
/// </summary>
public sealed class LocalPostgresCleanup(LocalPostgresInstance instance, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() =>
        {
            // The postmaster removes its pid file as the last step of shutdown.
            for (var i = 0; i < 100 && LocalPostgresSetup.RunningPostmaster(instance.Plan.Layout) is not null; i++) Thread.Sleep(100);
            if (LocalPostgresSetup.RunningPostmaster(instance.Plan.Layout) is null) instance.Dispose();
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
