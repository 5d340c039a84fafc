using PerfAspire.AppHost.Database;

namespace PerfAspire.Tests.Foundation;

/// <summary>The one line the AppHost prints from the log of a PostgreSQL that refused to start.</summary>
public sealed class LocalPostgresMonitorTests
{
    [Fact]
    public void A_bad_setting_is_named_with_the_fatal_line()
    {
        var cause = LocalPostgresMonitor.Cause([
            "2026-12-05 11:48:44.006 GMT [20328] LOG:  unrecognized configuration parameter \"x_y\" in file \"/d/postgresql.conf\" line 817",
            "2026-12-05 11:48:44.011 GMT [20328] FATAL:  configuration file \"/d/postgresql.conf\" contains errors",
        ]);
        Assert.Equal("FATAL: configuration file \"/d/postgresql.conf\" contains errors; LOG: unrecognized configuration parameter \"x_y\" in file \"/d/postgresql.conf\" line 817", cause);
    }

    [Fact]
    public void Hints_after_the_fatal_line_are_kept_and_unrelated_lines_dropped()
    {
        var cause = LocalPostgresMonitor.Cause([
            "LOG:  starting PostgreSQL 15",
            "",
            "FATAL:  could not create lock file \"postmaster.pid\": No space left on device",
            "HINT:  Free some space.",
            "LOG:  database system is shut down",
        ]);
        Assert.Equal("FATAL: could not create lock file \"postmaster.pid\": No space left on device; HINT: Free some space", cause);
        Assert.Null(LocalPostgresMonitor.Cause(["LOG:  database system is ready to accept connections"]));
    }
}
