using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema.Sql;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// Local mode is healthy once the server accepts a real password connection and the services' database exists.
/// The first check that reaches the server's private socket sets the superuser password from the instance's
/// password file and creates the database (like Aspire's AddDatabase does for containers).
/// </summary>
public sealed class LocalPostgresHealthCheck(LocalPostgresInstance instance) : IHealthCheck
{
    bool _ready;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_ready)
            {
                await LocalPostgresSetup.EnsureReadyAsync(instance.Plan, instance.Password, LocalPostgresPlan.DatabaseName, cancellationToken);
                _ready = true;
            }
            await using var conn = new NpgsqlConnection(instance.ConnectionString() + ";Pooling=false;Timeout=3");
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand(ServerSql.Version, conn);
            var version = (string?)await cmd.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(version);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL on 127.0.0.1:{instance.Plan.Port} does not accept connections yet: {e.Message}");
        }
    }
}
