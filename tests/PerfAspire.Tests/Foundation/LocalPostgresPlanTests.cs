using PerfAspire.AppHost.Database;

namespace PerfAspire.Tests.Foundation;

public sealed class LocalPostgresPlanTests
{
    static LocalPostgresPlan Plan(bool root, bool timescale) =>
        new("/usr/lib/postgresql/16/bin", "/tmp/x/pg-1", 54321, root, timescale);

    [Fact]
    public void As_root_the_server_is_execd_as_the_postgres_user()
    {
        var (command, args) = Plan(root: true, timescale: false).ServerCommand;
        Assert.Equal("setpriv", command);
        Assert.Equal(["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "/usr/lib/postgresql/16/bin/postgres"], args.Take(5));
    }

    [Fact]
    public void As_a_normal_user_the_server_runs_directly_on_the_assigned_port_and_loopback()
    {
        var (command, args) = Plan(root: false, timescale: false).ServerCommand;
        Assert.Equal("/usr/lib/postgresql/16/bin/postgres", command);
        Assert.Equal("54321", args[args.ToList().IndexOf("-p") + 1]);
        Assert.Contains("listen_addresses=127.0.0.1", args);
        Assert.DoesNotContain(args, a => a.Contains("timescaledb"));
    }

    [Fact]
    public void Timescale_is_preloaded_with_telemetry_off_when_installed()
    {
        var args = Plan(root: false, timescale: true).ServerArgs;
        Assert.Contains("shared_preload_libraries=timescaledb", args);
        Assert.Contains("timescaledb.telemetry_level=off", args);
    }

    [Fact]
    public void Missing_binaries_give_one_line_naming_the_fix()
    {
        var e = new DatabaseConfigurationException(LocalPostgresPlan.MissingBinariesMessage);
        Assert.Contains("apt-get install -y postgresql", e.Message);
        Assert.Contains("PG_BIN", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Each_plan_gets_a_fresh_data_directory_under_the_root()
    {
        var a = LocalPostgresPlan.Create("/tmp/perfaspire-test-root", 5000, binDir: "/opt/pg/bin", runAsPostgresUser: false);
        var b = LocalPostgresPlan.Create("/tmp/perfaspire-test-root", 5000, binDir: "/opt/pg/bin", runAsPostgresUser: false);
        Assert.NotEqual(a.DataDir, b.DataDir);
        Assert.StartsWith("/tmp/perfaspire-test-root/pg-", a.DataDir);
        Assert.Equal("Host=127.0.0.1;Port=5000;Username=postgres;Database=ptops", a.ConnectionString());
    }
}
