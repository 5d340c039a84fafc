using Npgsql;

namespace PerfAspire.Schema.Database;

/// <summary>
/// What the server offers of TimescaleDB, read before anything tries to use it. <c>CREATE EXTENSION
/// timescaledb</c> on a server where the package is installed but its loader was not preloaded is answered
/// with FATAL and the connection is dropped, so the migrator only creates the extension when this check says
/// it can work. The loader defines <c>timescaledb.bgw_launcher_poll_time</c> when it is preloaded; that
/// setting is readable by any role, unlike <c>shared_preload_libraries</c>.
/// </summary>
/// <param name="InstalledVersion">extversion when the extension exists in this database.</param>
/// <param name="AvailableVersion">default_version when the server has the package installed.</param>
/// <param name="Preloaded">True when the TimescaleDB loader runs in this server (shared_preload_libraries).</param>
public sealed record TimescaleCheck(string? InstalledVersion, string? AvailableVersion, bool Preloaded)
{
    public const string UnavailableWarning = "timescale_unavailable";
    public const string NotPreloadedWarning = "timescale_not_preloaded";

    /// <summary>The one-line fix for <see cref="NotPreloadedWarning"/>.</summary>
    public const string PreloadFix =
        "add shared_preload_libraries = 'timescaledb' to postgresql.conf (or ALTER SYSTEM SET shared_preload_libraries = 'timescaledb') and restart PostgreSQL";

    /// <summary>The three facts in one round trip; columns: installed, available, preloaded.</summary>
    public const string Sql = """
        SELECT (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),
               (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'),
               current_setting('timescaledb.bgw_launcher_poll_time', true) IS NOT NULL
        """;

    /// <summary>The server version, then the three columns of <see cref="Sql"/>: what the health probe asks.</summary>
    public const string WithServerVersionSql = "SELECT current_setting('server_version'), t.* FROM (" + Sql + ") t";

    /// <summary>True when the extension is (or can be) used: its package is present and its loader preloaded.</summary>
    public bool Usable => Preloaded && (InstalledVersion ?? AvailableVersion) is not null;

    /// <summary>Null when usable, else <c>timescale_not_preloaded</c> or <c>timescale_unavailable</c>.</summary>
    public string? Warning => Usable ? null
        : (InstalledVersion ?? AvailableVersion) is not null ? NotPreloadedWarning
        : UnavailableWarning;

    /// <summary>Why the extension is not used, with the fix; null when usable.</summary>
    public string? Detail => Warning switch
    {
        null => null,
        NotPreloadedWarning => $"{NotPreloadedWarning}: TimescaleDB {InstalledVersion ?? AvailableVersion} is installed on the server but not preloaded; running as plain PostgreSQL. Fix: {PreloadFix}.",
        _ => "extension not installed",
    };

    public static async Task<TimescaleCheck> ReadAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(Sql, connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return From(r, 0);
    }

    /// <summary>Reads the three columns of <see cref="Sql"/> starting at <paramref name="first"/>.</summary>
    public static TimescaleCheck From(NpgsqlDataReader r, int first) => new(
        r.IsDBNull(first) ? null : r.GetString(first),
        r.IsDBNull(first + 1) ? null : r.GetString(first + 1),
        !r.IsDBNull(first + 2) && r.GetBoolean(first + 2));

    /// <summary>The warning a stored detail stands for (capabilities keep the detail text, not the check).</summary>
    public static string WarningOf(string? detail) =>
        detail is not null && detail.StartsWith(NotPreloadedWarning, StringComparison.Ordinal) ? NotPreloadedWarning : UnavailableWarning;
}
