using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// Local mode is healthy once the server accepts a real connection and the services' database exists
/// (created here on the first successful connection, like Aspire's AddDatabase does for containers).
/// </summary>
public sealed class LocalPostgresHealthCheck(LocalPostgresPlan plan) : IHealthCheck
{
    bool _databaseCreated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_databaseCreated)
            {
                await using var admin = new NpgsqlConnection(plan.ConnectionString("postgres") + ";Pooling=false;Timeout=3");
                await admin.OpenAsync(cancellationToken);
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin) { Parameters = { new() { Value = LocalPostgresPlan.DatabaseName } } };
                if (await exists.ExecuteScalarAsync(cancellationToken) is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{LocalPostgresPlan.DatabaseName}\"", admin);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }
                _databaseCreated = true;
            }
            await using var conn = new NpgsqlConnection(plan.ConnectionString() + ";Pooling=false;Timeout=3");
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT version()", conn);
            var version = (string?)await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(version);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL on 127.0.0.1:{plan.Port} does not accept connections yet: {e.Message}");
        }
    }
}
