namespace PerfAspire.Tests.Infrastructure;

/// <summary>
/// Which PostgreSQL the database-backed tests run on: <c>PERFASPIRE_TEST_FLAVOUR=plain</c> (a server without
/// TimescaleDB, even where it is installed), <c>timescale</c> (TimescaleDB preloaded; fails when it is not
/// installed) or unset (TimescaleDB when the machine has it). ./test.sh runs every test on plain PostgreSQL and
/// the database tests again on TimescaleDB when it is installed.
/// </summary>
public static class TestFlavour
{
    public const string Variable = "PERFASPIRE_TEST_FLAVOUR";

    /// <summary>The trait ./test.sh filters on for the second (TimescaleDB) pass: <c>Category=database</c>.</summary>
    public const string Trait = "Category";
    public const string Database = "database";

    /// <summary>What to ask <see cref="PerfAspire.LocalPostgres.LocalPostgresServer.StartAsync"/> for.</summary>
    public static bool? Timescale => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "plain" => false,
        "timescale" or "timescaledb" => true,
        var other => throw new InvalidOperationException($"{Variable}='{other}' is not a flavour: use plain or timescale (or leave it unset)."),
    };
}
