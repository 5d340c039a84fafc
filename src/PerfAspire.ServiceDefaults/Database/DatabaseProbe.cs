using Npgsql;
using PerfAspire.Schema.Database;
using Polly;

namespace PerfAspire.ServiceDefaults.Database;

/// <summary>
/// One round trip that says whether the database answers, its server version and whether TimescaleDB is
/// there. Used by the readiness check and by the MCP <c>system_health</c> tool.
/// </summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource, DatabaseTarget target)
{
    /// <summary>Warning token used everywhere when the extension is missing.</summary>
    public const string TimescaleUnavailable = TimescaleCheck.UnavailableWarning;

    const string Sql = TimescaleCheck.WithServerVersionSql;

    // A connection that opened and then broke (a pooled one the server dropped, a FATAL mid-query) is replaced by a
    // new one once; a server that refuses connections is reported at once.
    static readonly ResiliencePipeline BrokenConnectionRetry =
        DatabaseRetry.Pipeline(1, TimeSpan.Zero, e => e is BrokeAfterOpen);

    public async Task<DatabaseStatus> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            return await BrokenConnectionRetry.ExecuteAsync(ProbeOnceAsync, ct);
        }
        catch (Exception e) when (Unreachable(e is BrokeAfterOpen b ? b.InnerException! : e) is { } cause)
        {
            return new DatabaseStatus(target.Mode, target.Display, false, null, null, null, PerfAspire.Schema.FailureCause.Describe(cause));
        }
    }

    async ValueTask<DatabaseStatus> ProbeOnceAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand(Sql, conn);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            var check = TimescaleCheck.From(r, 1);
            return new DatabaseStatus(
                target.Mode, target.Display, Reachable: true, ServerVersion: r.GetString(0),
                TimescaleInstalled: check.InstalledVersion, TimescaleAvailable: check.AvailableVersion,
                Error: null)
            { Timescale = check };
        }
        catch (Exception e) when (Unreachable(e) is not null)
        {
            throw new BrokeAfterOpen(e);
        }
    }

    static Exception? Unreachable(Exception e) =>
        e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException ? e : null;

    sealed class BrokeAfterOpen(Exception inner) : Exception(inner.Message, inner);
}

/// <param name="TimescaleInstalled">extversion when <c>CREATE EXTENSION timescaledb</c> has run in this database.</param>
/// <param name="TimescaleAvailable">default_version when the server has the extension installed.</param>
public sealed record DatabaseStatus(
    string Mode, string Target, bool Reachable, string? ServerVersion,
    string? TimescaleInstalled, string? TimescaleAvailable, string? Error)
{
    /// <summary>What the server offers of TimescaleDB; null when it could not be asked.</summary>
    public TimescaleCheck? Timescale { get; init; }

    /// <summary>The extension's version (installed, else available) when it can be used; null otherwise.</summary>
    public string? TimescaleVersion => Timescale is { Usable: false } ? null : TimescaleInstalled ?? TimescaleAvailable;

    /// <summary>Why TimescaleDB is not used and the fix (<c>timescale_not_preloaded: ...</c>); null when it is used.</summary>
    public string? TimescaleDetail => Reachable ? Timescale?.Detail : null;

    public IReadOnlyList<string> Warnings => !Reachable ? []
        : Timescale?.Warning is { } w ? [w]
        : TimescaleVersion is null ? [DatabaseProbe.TimescaleUnavailable] : [];
}
