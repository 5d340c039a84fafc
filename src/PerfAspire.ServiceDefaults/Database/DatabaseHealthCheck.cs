using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfAspire.ServiceDefaults.Database;

/// <summary>
/// Readiness: the database really accepts a connection and answers a query. A server without TimescaleDB is
/// still healthy (the schema runs on plain PostgreSQL) but the description says <c>timescale_unavailable</c>, or
/// <c>timescale_not_preloaded</c> with the fix when the package is installed but its loader is not preloaded.
/// </summary>
public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = await probe.ProbeAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["mode"] = s.Mode,
            ["target"] = s.Target,
            ["timescaledb"] = s.TimescaleVersion ?? s.Warnings.FirstOrDefault() ?? DatabaseProbe.TimescaleUnavailable,
        };
        if (!s.Reachable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"database {s.Target} ({s.Mode}) unreachable: {s.Error}", data: data);
        }
        var timescale = s.TimescaleVersion is { } v ? $"TimescaleDB {v}" : s.TimescaleDetail ?? DatabaseProbe.TimescaleUnavailable;
        return HealthCheckResult.Healthy($"PostgreSQL {s.ServerVersion} at {s.Target} ({s.Mode}), {timescale}", data);
    }
}
