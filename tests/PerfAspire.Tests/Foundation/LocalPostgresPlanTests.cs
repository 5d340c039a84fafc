using PerfAspire.LocalPostgres;

namespace PerfAspire.Tests.Foundation;

/// <summary>The launcher's command lines, as data (nothing is started).</summary>
public sealed class LocalPostgresPlanTests
{
    static LocalPostgresPlan Plan(bool root, bool timescale, bool ephemeral = true) =>
        new("/usr/lib/postgresql/16/bin", new InstanceLayout("/tmp/x/tmp-1"), 54321, root, timescale, ephemeral);

    static string Setting(IReadOnlyList<string> args, string name) =>
        args.Single(a => a.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    [Fact]
    public void As_root_the_server_is_execd_as_the_postgres_user()
    {
        var (command, args) = Plan(root: true, timescale: false).ServerCommand;
        Assert.Equal("setpriv", command);
        Assert.Equal(["--reuid=postgres", "--regid=postgres", "--init-groups", "--", "/usr/lib/postgresql/16/bin/postgres"], args.Take(5));
    }

    [Fact]
    public void As_a_normal_user_the_server_runs_directly_on_the_assigned_port_loopback_and_a_private_socket()
    {
        var (command, args) = Plan(root: false, timescale: false).ServerCommand;
        Assert.Equal("/usr/lib/postgresql/16/bin/postgres", command);
        Assert.Equal("54321", args[args.ToList().IndexOf("-p") + 1]);
        Assert.Equal("/tmp/x/tmp-1/data", args[args.ToList().IndexOf("-D") + 1]);
        Assert.Equal("127.0.0.1", Setting(args, "listen_addresses"));
        Assert.Equal("/tmp/x/tmp-1/socket", Setting(args, "unix_socket_directories"));
        Assert.Equal("0700", Setting(args, "unix_socket_permissions"));
        Assert.DoesNotContain(args, a => a.Contains("timescaledb"));
    }

    [Fact]
    public void Initdb_demands_scram_passwords_on_tcp_and_trusts_only_the_private_socket()
    {
        var args = Plan(root: false, timescale: false).InitDbArgs;
        Assert.Contains("--auth-host=scram-sha-256", args);
        Assert.Contains("--auth-local=trust", args);
        Assert.Contains("--pwfile=/tmp/x/tmp-1/password", args);
        Assert.DoesNotContain(args, a => a is "--auth=trust" or "--auth-host=trust");
    }

    [Fact]
    public void Timescale_is_preloaded_with_telemetry_off_and_workers_sized_for_its_jobs()
    {
        var args = Plan(root: false, timescale: true).ServerArgs;
        Assert.Equal("timescaledb", Setting(args, "shared_preload_libraries"));
        Assert.Equal("off", Setting(args, "timescaledb.telemetry_level"));
        var workers = int.Parse(Setting(args, "timescaledb.max_background_workers"));
        Assert.Equal(LocalPostgresPlan.DefaultTimescaleWorkers, workers);
        // TimescaleDB's workers and parallel query's share max_worker_processes: room for both.
        Assert.True(int.Parse(Setting(args, "max_worker_processes")) >= workers + 8);
    }

    [Fact]
    public void A_kept_instance_stays_durable_and_a_throw_away_one_does_not()
    {
        Assert.Equal("off", Setting(Plan(root: false, timescale: false, ephemeral: true).ServerArgs, "fsync"));
        Assert.DoesNotContain(Plan(root: false, timescale: false, ephemeral: false).ServerArgs, a => a.StartsWith("fsync=", StringComparison.Ordinal) || a.StartsWith("full_page_writes=", StringComparison.Ordinal));
        Assert.DoesNotContain("--no-sync", Plan(root: false, timescale: false, ephemeral: false).InitDbArgs);
    }

    [Fact]
    public void Missing_binaries_give_one_line_naming_the_fix()
    {
        Assert.Contains("apt-get install -y postgresql", PostgresBinaries.MissingMessage);
        Assert.Contains("PG_BIN", PostgresBinaries.MissingMessage);
        Assert.DoesNotContain('\n', PostgresBinaries.MissingMessage);
    }

    [Fact]
    public void Kept_instances_are_per_major_version_and_throw_away_ones_fresh_per_start()
    {
        Assert.Equal("/data/perfaspire/pg15", InstanceLayout.Persistent("/data/perfaspire", 15).Dir);
        var a = InstanceLayout.Ephemeral("/tmp/perfaspire-test-root");
        var b = InstanceLayout.Ephemeral("/tmp/perfaspire-test-root");
        Assert.NotEqual(a.Dir, b.Dir);
        Assert.StartsWith("/tmp/perfaspire-test-root/tmp-", a.Dir);
        Assert.Equal("Host=127.0.0.1;Port=54321;Username=postgres;Password=pw;Database=ptops", Plan(false, false).ConnectionString("pw"));
    }

    [Fact]
    public void The_default_kept_root_follows_xdg_data_home()
    {
        Assert.Equal("/srv/xdg/perfaspire", InstanceLayout.DefaultPersistentRoot(n => n == "XDG_DATA_HOME" ? "/srv/xdg" : null));
        Assert.Equal(PostgresBinaries.IsRoot ? "/var/lib/perfaspire" : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local/share/perfaspire"),
            InstanceLayout.DefaultPersistentRoot(_ => null));
    }
}
