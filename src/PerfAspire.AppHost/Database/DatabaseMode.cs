namespace PerfAspire.AppHost.Database;

/// <summary>Where the "timescale" database comes from (AppHost setting <c>Database:Mode</c>).</summary>
public enum DatabaseMode
{
    /// <summary>container when <c>docker info</c> succeeds, else local.</summary>
    Auto,

    /// <summary>The pinned TimescaleDB image (<see cref="TimescaleImage"/>) through Aspire.Hosting.PostgreSQL, with a data volume.</summary>
    Container,

    /// <summary>The machine's own PostgreSQL server binaries, data kept per user (or throw-away with Database:Ephemeral=true).</summary>
    Local,

    /// <summary>A given connection string: TIMESCALE_DSN or ConnectionStrings:timescale.</summary>
    External,
}
