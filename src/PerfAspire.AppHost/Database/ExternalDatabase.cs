using Npgsql;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.AppHost.Database;

/// <summary>External mode: the connection string is given; the AppHost checks once that it really connects.</summary>
public static class ExternalDatabase
{
    public const string MissingMessage =
        "external database mode needs a connection string: set TIMESCALE_DSN=postgresql://user:password@host:5432/db " +
        "or ConnectionStrings:timescale, or use --Database:Mode=local.";

    /// <summary>The configured connection string in keyword form, or a one-line explanation of what is wrong.</summary>
    public static string Resolve(string? connectionString, string? dsn)
    {
        var (value, source) = !string.IsNullOrWhiteSpace(connectionString)
            ? (connectionString, $"ConnectionStrings:{DatabaseTarget.ResourceName}")
            : !string.IsNullOrWhiteSpace(dsn) ? (dsn, "TIMESCALE_DSN") : (null, "");
        if (value is null) throw new DatabaseConfigurationException(MissingMessage);
        try
        {
            return ConnectionStrings.Normalize(value);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException)
        {
            throw new DatabaseConfigurationException(
                $"{source} is not a valid PostgreSQL connection string ({e.Message}); use postgresql://user:password@host:5432/db or Host=...;Port=...;Database=...");
        }
    }

    public static async Task EnsureReachableAsync(string connectionString, TimeSpan timeout)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = Math.Max(1, (int)timeout.TotalSeconds) };
        try
        {
            await using var conn = new NpgsqlConnection(b.ConnectionString);
            using var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(1));
            await conn.OpenAsync(cts.Token);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException or ArgumentException)
        {
            var reason = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            throw new DatabaseConfigurationException(
                $"cannot connect to the external database {b.Host}:{b.Port}/{b.Database} ({reason}). Check TIMESCALE_DSN / ConnectionStrings:timescale, or use --Database:Mode=local.");
        }
    }
}
