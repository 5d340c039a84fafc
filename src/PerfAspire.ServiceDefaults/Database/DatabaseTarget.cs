using Microsoft.Extensions.Configuration;
using Npgsql;
using PerfAspire.Schema.Database;

namespace PerfAspire.ServiceDefaults.Database;

/// <summary>
/// Which database a service talks to and how it was told: the Aspire reference
/// (<c>ConnectionStrings:timescale</c>) first, then <c>TIMESCALE_DSN</c> (URL or keyword form), then the
/// documented default <c>postgresql://localhost/ptops</c>. <see cref="Mode"/> is the AppHost's database mode
/// (env <c>DATABASE_MODE</c>), "external" when the service runs on its own.
/// </summary>
public sealed record DatabaseTarget(string ConnectionString, string Source, string Mode)
{
    /// <summary>The Aspire resource / connection-string name every service references.</summary>
    public const string ResourceName = "timescale";

    public const string DefaultDsn = "postgresql://localhost/ptops";

    /// <summary>host:port/database, never the password: safe for logs and tool answers.</summary>
    public string Display
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <remarks>
    /// Read from the configuration directly, not through options: the data source is registered with this connection
    /// string while the services are being composed, before there is a container to resolve options from. A value
    /// that is not a connection string stops the start naming the setting (<see cref="DatabaseSettingsException"/>).
    /// </remarks>
    public static DatabaseTarget FromConfiguration(IConfiguration configuration)
    {
        var mode = configuration["DATABASE_MODE"] is { Length: > 0 } m ? m : "external";
        if (configuration.GetConnectionString(ResourceName) is { Length: > 0 } cs)
        {
            return new DatabaseTarget(Normalize(cs, $"ConnectionStrings:{ResourceName}"), $"ConnectionStrings:{ResourceName}", mode);
        }
        if (configuration["TIMESCALE_DSN"] is { Length: > 0 } dsn)
        {
            return new DatabaseTarget(Normalize(dsn, "TIMESCALE_DSN"), "TIMESCALE_DSN", mode);
        }
        return new DatabaseTarget(ConnectionStrings.Normalize(DefaultDsn), "default", mode);
    }

    static string Normalize(string value, string source)
    {
        try
        {
            return ConnectionStrings.Normalize(value);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException)
        {
            throw new DatabaseSettingsException(
                $"{source} is not a valid PostgreSQL connection string ({e.Message}). Use postgresql://user:password@host:5432/db or Host=...;Port=...;Database=...");
        }
    }
}
