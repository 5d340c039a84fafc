using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Mcp.Responses;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Connections that LOG IN as the reader role, for SQL a client wrote (query_sql). A session that logged in as the
/// owner and switched with SET LOCAL ROLE can switch back (RESET ROLE); one that logged in as the reader has
/// nothing to go back to. Where the login comes from, in order:
/// <list type="number">
/// <item><c>ConnectionStrings:timescale-sql</c>: used as given (it must log in as a read-only, non-superuser role);</item>
/// <item>otherwise the service's own database target with the user replaced by <c>Mcp:Query:ReaderRole</c>
/// (<c>perf_reader</c>) and the password <c>Mcp:Query:ReaderPassword</c>, or — when that is not set — one derived
/// from the service's connection string (so every PerfAspire process on the same database derives the same one).
/// The first time the login is refused, the service gives the role LOGIN and that password with its own
/// connection (needs CREATEROLE or superuser) and tries once more.</item>
/// </list>
/// </summary>
public sealed class ReaderLogin(IServiceProvider services, IConfiguration configuration, IOptions<QueryOptions> options, ILogger<ReaderLogin> logger) : IAsyncDisposable
{
    public const string ConnectionName = "timescale-sql";

    readonly SemaphoreSlim _gate = new(1, 1);
    NpgsqlDataSource? _source;
    bool _configured;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var source = await SourceAsync(ct);
        NpgsqlConnection conn;
        try
        {
            conn = await source.OpenConnectionAsync(ct);
        }
        catch (PostgresException e) when (!_configured && e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            logger.LogInformation("query_sql: the reader role may not log in yet ({State}); granting LOGIN with the configured/derived password", e.SqlState);
            await GrantLoginAsync(ct);
            NpgsqlConnection.ClearPool(new NpgsqlConnection(source.ConnectionString));
            conn = await source.OpenConnectionAsync(ct);
        }
        try
        {
            await using var cmd = new NpgsqlCommand(PerfAspire.Schema.Sql.SchemaRoles.SessionIsPrivileged, conn);
            if (await cmd.ExecuteScalarAsync(ct) is not false)
            {
                throw new ToolError("query_not_permitted", "The SQL login is a privileged role (superuser, CREATEROLE or BYPASSRLS); client SQL is not run on it.",
                    next: $"Point ConnectionStrings:{ConnectionName} at a read-only role, or leave it unset to use {options.Value.ReaderRole}.");
            }
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    async Task<NpgsqlDataSource> SourceAsync(CancellationToken ct)
    {
        if (_source is { } s) return s;
        await _gate.WaitAsync(ct);
        try
        {
            if (_source is not null) return _source;
            string cs;
            if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } configured)
            {
                _configured = true;
                cs = ConnectionStrings.Normalize(configured);
            }
            else
            {
                var role = options.Value.ReaderRole is { Length: > 0 } r ? r
                    : throw new ToolError("query_role_missing", "No reader role is configured (Mcp:Query:ReaderRole is empty), so there is no login for client SQL.",
                        next: $"Set ConnectionStrings:{ConnectionName} to a read-only login.");
                var b = new NpgsqlConnectionStringBuilder(OwnerConnectionString())
                {
                    Username = role,
                    Password = Password(),
                    ApplicationName = "perfaspire-mcp-sql",
                    Pooling = true,
                    MaxPoolSize = 10,
                };
                cs = b.ConnectionString;
            }
            return _source = NpgsqlDataSource.Create(cs);
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task GrantLoginAsync(CancellationToken ct)
    {
        var role = options.Value.ReaderRole!;
        try
        {
            await using var conn = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
            // The password is ours (configured or hex): SchemaRoles writes it as a quoted literal.
            await using var cmd = new NpgsqlCommand(PerfAspire.Schema.Sql.SchemaRoles.GrantLogin(role, Password()), conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedObject)
        {
            throw new ToolError("query_role_missing", $"The reader role {role} does not exist, so client SQL has no login.",
                next: "Start a service that runs the schema migration (it creates the role), then retry.");
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new ToolError("query_role_missing", $"The reader role {role} may not log in and this service may not change that (needs CREATEROLE).",
                next: $"As an administrator: ALTER ROLE {role} LOGIN PASSWORD '...'; then set Mcp:Query:ReaderPassword to it (or ConnectionStrings:{ConnectionName}).");
        }
    }

    string OwnerConnectionString()
    {
        if (services.GetService<DatabaseTarget>() is { } target) return target.ConnectionString;
        if (DatabaseTarget.FromConfiguration(configuration) is { Source: not "default" } configured) return configured.ConnectionString;
        return services.GetRequiredService<NpgsqlDataSource>().ConnectionString;
    }

    /// <summary>The configured password, or a hash of the owner's connection (host, port, database, user, password).</summary>
    string Password()
    {
        if (options.Value.ReaderPassword is { Length: > 0 } configured) return configured;
        var b = new NpgsqlConnectionStringBuilder(OwnerConnectionString());
        // Roles are cluster-wide: the database name stays out, so services of every database on the cluster agree.
        var seed = $"perfaspire-reader-login\n{b.Host}\n{b.Port}\n{b.Username}\n{b.Password}\n{options.Value.ReaderRole}";
        return "pa_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..32];
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null) await _source.DisposeAsync();
    }
}
