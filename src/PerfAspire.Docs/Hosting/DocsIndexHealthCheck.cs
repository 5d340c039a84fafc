using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// Readiness of the docs index: Unhealthy (HTTP 503 on /health) until it is built, so orchestrators wait for
/// it; Degraded when it works without its embedding cache.
/// </summary>
public sealed class DocsIndexHealthCheck(DocsIndexHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (host.Index is { } index)
        {
            var data = new Dictionary<string, object>
            {
                ["docs"] = index.Corpus.Docs.Count,
                ["vectors_cached"] = index.Sync.FromCache,
                ["vectors_computed"] = index.Sync.Embedded,
                ["embedding_store"] = index.Sync.Store,
            };
            return Task.FromResult(index.Sync.Warnings.Count == 0
                ? HealthCheckResult.Healthy("docs index ready", data)
                : HealthCheckResult.Degraded("docs index ready; " + string.Join(", ", index.Sync.Warnings), data: data));
        }
        return Task.FromResult(HealthCheckResult.Unhealthy(host.StatusMessage, host.WhenReady.Exception));
    }
}
