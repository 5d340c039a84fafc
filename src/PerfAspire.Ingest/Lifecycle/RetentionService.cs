using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PerfAspire.Ingest.Loading;

namespace PerfAspire.Ingest.Lifecycle;

/// <summary>
/// The background job of retention by load age (works with and without TimescaleDB): every
/// INGEST_RETENTION_CHECK_MINUTES it runs <see cref="BundleAdmin.RunHousekeepingAsync"/>.
/// </summary>
internal sealed class RetentionService(IngestRuntime runtime, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(runtime.Settings.RetentionCheckInterval);
        do
        {
            try
            {
                await runtime.EnsureReadyAsync(stoppingToken);
                await runtime.Admin.RunHousekeepingAsync(DateTimeOffset.UtcNow, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning("Bundle housekeeping failed, retrying at the next interval: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
