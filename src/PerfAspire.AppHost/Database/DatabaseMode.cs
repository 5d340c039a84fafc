namespace PerfAspire.AppHost.Database;

/// <summary>Where the "timescale" database comes from (AppHost setting <c>Database:Mode</c>).</summary>
public enum DatabaseMode
{
    /// <summary>container when <c>docker info</c> succeeds, else local.</summary>
    Auto,

    /// <summary>timescale/timescaledb:latest-pg17 through Aspire.Hosting.PostgreSQL, with a data volume.</summary>
    Container,

    /// <summary>The machine's own PostgreSQL server binaries in a throw-away data directory.</summary>
    Local,

    /// <summary>A given connection string: TIMESCALE_DSN or ConnectionStrings:timescale.</summary>
    External,
}
