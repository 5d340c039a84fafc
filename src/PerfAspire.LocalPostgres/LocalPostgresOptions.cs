namespace PerfAspire.LocalPostgres;

/// <summary>What to start: where the data lives, whether it survives, which port and which flavour.</summary>
public sealed record LocalPostgresOptions
{
    /// <summary>
    /// Directory holding the instance directories. Null: <see cref="InstanceLayout.DefaultPersistentRoot"/> for a
    /// kept instance, <see cref="InstanceLayout.EphemeralRoot"/> for a throw-away one.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// An exact instance directory (kept, not per major version): benchmarks that reuse a loaded database. Wins
    /// over <see cref="Root"/>.
    /// </summary>
    public string? InstanceDir { get; init; }

    /// <summary>Throw-away: a fresh directory per start, durability off, removed on stop.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Loopback TCP port; null or 0 picks a free one.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// null: preload TimescaleDB when it is installed for the binaries; false: plain PostgreSQL even where it is
    /// installed (not preloaded, so it cannot be created); true: TimescaleDB required (an error when missing).
    /// </summary>
    public bool? Timescale { get; init; }

    /// <summary>PostgreSQL bin directory; null finds it (<c>PG_BIN</c>, then the highest installed version).</summary>
    public string? BinDir { get; init; }

    /// <summary>
    /// TimescaleDB background workers (jobs running at the same time, plus one scheduler per database that has the
    /// extension). Null: <see cref="LocalPostgresPlan.DefaultTimescaleWorkers"/>.
    /// </summary>
    public int? TimescaleWorkers { get; init; }
}
