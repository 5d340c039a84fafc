using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Responses;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.Mcp.Tools;

[McpServerToolType]
public sealed class SystemHealthTool(DatabaseProbe probe, SystemStatus status, DatabaseTarget target)
{
    /// <summary>
    /// system_health's own deadline: the tool every client calls when something is wrong answers even when the
    /// database hangs (a lock, a server that accepts and never answers). Longer than the start-up migration wait,
    /// shorter than the call deadline (it also ends a reserve before that one), so the answer is always the report.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [McpServerTool(Name = "system_health", Title = "System health", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Whether PerfAspire can serve data: database, TimescaleDB, schema, compression, retention, active bundle, counters. Call it first when tools fail.")]
    public async Task<SystemHealthReport> SystemHealth(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CallDeadline.Current?.Soft ?? CancellationToken.None);
        deadline.CancelAfter(Deadline);
        var started = System.Diagnostics.Stopwatch.StartNew();
        string? late = null;
        DatabaseStatus s;
        try
        {
            // WaitAsync: the answer does not depend on the driver noticing the cancellation.
            s = await probe.ProbeAsync(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            late = "the database probe";
            s = new DatabaseStatus(target.Mode, target.Display, false, null, null, null,
                $"{CallDeadline.Code}: no answer within {started.Elapsed.TotalSeconds:0.#} s (a hung server, a network that drops packets, or no free connection).");
        }
        var reading = status.Start();
        if (late is null)
        {
            try
            {
                await status.ReadAsync(databaseReachable: s.Reachable, reading, deadline.Token).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                late = "the schema, bundle and storage reads";
            }
        }
        var details = reading.Snapshot();
        var warnings = new List<string>(s.Warnings);
        if (!s.Reachable) warnings.Add("database_unreachable");
        if (late is not null) warnings.Add(CallDeadline.Code);
        // Having no active bundle is a normal state of a healthy server, so it is reported but does not degrade.
        var degraded = warnings.Count > 0 || details.Warnings.Any(w => w != Bundles.BundleScope.NoActiveBundle);
        warnings.AddRange(details.Warnings.Where(w => !warnings.Contains(w)));
        return new SystemHealthReport(
            Status: !s.Reachable ? "unavailable" : degraded ? "degraded" : "ok",
            Server: new ServerReport(McpServerSetup.ServerName, McpServerSetup.ServerVersion),
            Database: new DatabaseReport(s.Mode, s.Target, s.Reachable, s.ServerVersion, s.TimescaleVersion, s.Error) { TimescaledbDetail = s.TimescaleDetail },
            Warnings: warnings,
            NextStep: late is not null && s.Reachable
                ? $"The database answered the probe but {late} did not finish within {started.Elapsed.TotalSeconds:0.#} s (parts missing here were not read): a lock held by another session or an overloaded server. Look at pg_stat_activity for waiting sessions, then call system_health again."
                : late is not null ? "The database did not answer in time: check that the server is up and not stuck (pg_stat_activity), and the network to it; then call system_health again."
                : !s.Reachable
                ? "Start the database (dotnet run --project src/PerfAspire.AppHost) or fix TIMESCALE_DSN / ConnectionStrings:timescale."
                : details.Warnings.Contains("schema_missing") ? "The schema is not migrated yet: it is created at start-up (or by the first load); retry in a few seconds."
                : s.Timescale?.Warning == TimescaleCheck.NotPreloadedWarning ? $"TimescaleDB is installed but not preloaded: {TimescaleCheck.PreloadFix}; everything else works as is meanwhile."
                : s.TimescaleVersion is null ? "Install TimescaleDB for compression and faster time buckets; everything else works as is."
                : details.ActiveBundle is null ? "No bundle is active: support_load_bundle {\"path\": ...}." : null)
        {
            Schema = details.Schema,
            Compression = details.Compression,
            Retention = details.Retention,
            ActiveBundle = details.ActiveBundle,
            Counters = details.Counters,
            Storage = details.Storage,
        };
    }
}

public sealed record SystemHealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("server")] ServerReport Server,
    [property: JsonPropertyName("database")] DatabaseReport Database,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("next_step")] string? NextStep)
{
    [JsonPropertyName("schema")] public SystemStatus.SchemaReport? Schema { get; init; }
    [JsonPropertyName("compression")] public SystemStatus.CompressionReport? Compression { get; init; }
    [JsonPropertyName("retention")] public SystemStatus.RetentionReport? Retention { get; init; }
    [JsonPropertyName("active_bundle")] public SystemStatus.ActiveBundleReport? ActiveBundle { get; init; }
    [JsonPropertyName("counters")] public IReadOnlyDictionary<string, object?>? Counters { get; init; }
    [JsonPropertyName("storage")] public SystemStatus.StorageReport? Storage { get; init; }
}

public sealed record ServerReport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version);

public sealed record DatabaseReport(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("reachable")] bool Reachable,
    [property: JsonPropertyName("postgres_version")] string? PostgresVersion,
    [property: JsonPropertyName("timescaledb_version")] string? TimescaledbVersion,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>Why TimescaleDB is not used, with the fix (e.g. <c>timescale_not_preloaded: ... Fix: ...</c>).</summary>
    [JsonPropertyName("timescaledb_detail")] public string? TimescaledbDetail { get; init; }
}
