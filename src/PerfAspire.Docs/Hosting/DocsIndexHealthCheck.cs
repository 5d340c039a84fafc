using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// Readiness of the docs index. While it builds (the model loads, missing vectors are embedded — on a first
/// start with no cache that takes a while) the service is Degraded, not Unhealthy: it is up, answers 503
/// <c>docs_not_ready</c> on the API, and callers (the MCP server's docs tools) degrade to the
/// <c>docs_unavailable</c> warning; nothing else waits for it. Ready = Healthy (Degraded when it runs without
/// its vector cache); a failed build = Unhealthy.
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
        return Task.FromResult(host.WhenReady.IsFaulted
            ? HealthCheckResult.Unhealthy(host.StatusMessage, host.WhenReady.Exception)
            : HealthCheckResult.Degraded(host.StatusMessage));
    }
}
