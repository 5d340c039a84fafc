using Npgsql;

namespace PerfAspire.ServiceDefaults.Database;

/// <summary>
/// One round trip that says whether the database answers, its server version and whether TimescaleDB is
/// there. Used by the readiness check and by the MCP <c>system_health</c> tool.
/// </summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource, DatabaseTarget target)
{
    /// <summary>Warning token used everywhere when the extension is missing.</summary>
    public const string TimescaleUnavailable = "timescale_unavailable";

    const string Sql = """
        SELECT current_setting('server_version'),
               (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),
               (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb')
        """;

    public async Task<DatabaseStatus> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(Sql, conn);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            return new DatabaseStatus(
                target.Mode, target.Display, Reachable: true, ServerVersion: r.GetString(0),
                TimescaleInstalled: r.IsDBNull(1) ? null : r.GetString(1),
                TimescaleAvailable: r.IsDBNull(2) ? null : r.GetString(2),
                Error: null);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return new DatabaseStatus(target.Mode, target.Display, false, null, null, null, e.Message);
        }
    }
}

/// <param name="TimescaleInstalled">extversion when <c>CREATE EXTENSION timescaledb</c> has run in this database.</param>
/// <param name="TimescaleAvailable">default_version when the server has the extension installed.</param>
public sealed record DatabaseStatus(
    string Mode, string Target, bool Reachable, string? ServerVersion,
    string? TimescaleInstalled, string? TimescaleAvailable, string? Error)
{
    /// <summary>The extension's version (installed, else available), or null when the server lacks it.</summary>
    public string? TimescaleVersion => TimescaleInstalled ?? TimescaleAvailable;

    public IReadOnlyList<string> Warnings => Reachable && TimescaleVersion is null ? [DatabaseProbe.TimescaleUnavailable] : [];
}
