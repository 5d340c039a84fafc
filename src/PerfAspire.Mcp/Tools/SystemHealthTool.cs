using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelContextProtocol.Server;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.Mcp.Tools;

[McpServerToolType]
public sealed class SystemHealthTool(DatabaseProbe probe)
{
    [McpServerTool(Name = "system_health", Title = "System health", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Reports whether PerfAspire can serve data: the database mode (local, container or external), whether the database " +
                 "answers, its PostgreSQL version, the TimescaleDB version (warning 'timescale_unavailable' when the extension is " +
                 "missing; queries still work on plain PostgreSQL) and this server's version. Call it first when other tools fail.")]
    public async Task<SystemHealthReport> SystemHealth(CancellationToken cancellationToken)
    {
        var s = await probe.ProbeAsync(cancellationToken);
        var warnings = new List<string>(s.Warnings);
        if (!s.Reachable) warnings.Add("database_unreachable");
        return new SystemHealthReport(
            Status: !s.Reachable ? "unavailable" : warnings.Count > 0 ? "degraded" : "ok",
            Server: new ServerReport(Extensions.ServerName, Extensions.ServerVersion),
            Database: new DatabaseReport(s.Mode, s.Target, s.Reachable, s.ServerVersion, s.TimescaleVersion, s.Error),
            Warnings: warnings,
            NextStep: !s.Reachable
                ? "Start the database (dotnet run --project src/PerfAspire.AppHost) or fix TIMESCALE_DSN / ConnectionStrings:timescale."
                : s.TimescaleVersion is null ? "Install TimescaleDB for compression and faster time buckets; everything else works as is." : null);
    }
}

public sealed record SystemHealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("server")] ServerReport Server,
    [property: JsonPropertyName("database")] DatabaseReport Database,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("next_step")] string? NextStep);

public sealed record ServerReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record DatabaseReport(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("reachable")] bool Reachable,
    [property: JsonPropertyName("postgres_version")] string? PostgresVersion,
    [property: JsonPropertyName("timescaledb_version")] string? TimescaledbVersion,
    [property: JsonPropertyName("error")] string? Error);
