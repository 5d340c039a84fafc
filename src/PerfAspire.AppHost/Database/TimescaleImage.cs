namespace PerfAspire.AppHost.Database;

/// <summary>
/// The TimescaleDB container image of container mode, pinned to an exact release: the one place that names it
/// (docs/database.md quotes it).
/// </summary>
public static class TimescaleImage
{
    public const string Image = "timescale/timescaledb";

    public const string TimescaleVersion = "2.28.3";

    public const int PostgresMajor = 17;

    /// <summary><c>2.28.3-pg17</c>: TimescaleDB release and PostgreSQL major, never a moving "latest" tag.</summary>
    public static string Tag => $"{TimescaleVersion}-pg{PostgresMajor}";
}
