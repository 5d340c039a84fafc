using Npgsql;
using PerfAspire.LocalPostgres;

namespace PerfAspire.Tests.Foundation;

/// <summary>
/// The launcher with real servers: what a local user on the same machine can reach, and how a kept instance
/// behaves across restarts and against a second owner, another major version, a stale pid file and a bad root.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresTests
{
    static string NewRoot() => Path.Combine(Path.GetTempPath(), "perfaspire-kept-test-" + Guid.NewGuid().ToString("N")[..10]);

    static async Task<T?> ScalarAsync<T>(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T?)await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Tcp_needs_the_scram_password_and_every_path_of_the_instance_is_private()
    {
        await using var server = await LocalPostgresServer.StartAsync(timescale: false);
        var layout = server.Plan.Layout;
        var withoutPassword = $"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres;Pooling=false;Timeout=5";

        // No password: the server asks for SCRAM, which the client cannot answer.
        var none = await Assert.ThrowsAsync<NpgsqlException>(() => ScalarAsync<int>(withoutPassword, "SELECT 1"));
        Assert.Contains("password", none.Message, StringComparison.OrdinalIgnoreCase);
        // A wrong password: the server itself refuses (invalid_password).
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(withoutPassword + ";Password=not-it", "SELECT 1"));
        Assert.Equal("28P01", wrong.SqlState);
        Assert.Equal(1, await ScalarAsync<int>(server.ConnectionString, "SELECT 1"));
        Assert.Equal("scram-sha-256", await ScalarAsync<string>(server.ConnectionString,
            "SELECT string_agg(DISTINCT auth_method, ',') FROM pg_hba_file_rules WHERE type LIKE 'host%'"));

        const UnixFileMode dir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(dir, File.GetUnixFileMode(Path.GetDirectoryName(layout.Dir)!));
        Assert.Equal(dir, File.GetUnixFileMode(layout.Dir));
        Assert.Equal(dir, File.GetUnixFileMode(layout.SocketDir));
        Assert.Equal(dir, File.GetUnixFileMode(layout.DataDir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.PasswordFile));
        Assert.Equal(server.Password, File.ReadAllText(layout.PasswordFile).Trim());
        Assert.True(server.Password.Length >= 24);
    }

    [Fact]
    public async Task A_kept_instance_keeps_its_rows_across_restarts_and_refuses_a_second_owner()
    {
        var root = NewRoot();
        var options = new LocalPostgresOptions { Root = root, Timescale = false };
        try
        {
            string dir, password;
            await using (var first = await LocalPostgresServer.StartAsync(options))
            {
                dir = first.Plan.Layout.Dir;
                password = first.Password;
                Assert.Equal(Path.Combine(root, "pg" + PostgresBinaries.MajorVersion(first.BinDir)), dir);
                Assert.False(first.Plan.Ephemeral);
                await ScalarAsync<object>(first.ConnectionString, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");

                var second = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(options));
                Assert.Contains($"{dir} is in use by another PerfAspire (pid {Environment.ProcessId})", second.Message);
                Assert.Contains("--Database:Ephemeral=true", second.Message);
            }
            Assert.True(File.Exists(Path.Combine(dir, "data", "PG_VERSION")));

            await using (var again = await LocalPostgresServer.StartAsync(options))
            {
                Assert.Equal(dir, again.Plan.Layout.Dir);
                Assert.Equal(password, again.Password);
                Assert.Equal(42, await ScalarAsync<int>(again.ConnectionString, "SELECT x FROM kept"));
            }
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Another_major_version_a_stale_pid_file_and_a_bad_root_get_one_line_and_nothing_is_wiped()
    {
        var root = NewRoot();
        var options = new LocalPostgresOptions { Root = root, Timescale = false };
        try
        {
            string dir;
            await using (var server = await LocalPostgresServer.StartAsync(options))
            {
                dir = server.Plan.Layout.Dir;
                await ScalarAsync<object>(server.ConnectionString, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
            }
            var layout = new InstanceLayout(dir);
            var version = File.ReadAllText(layout.VersionFile);

            // Data of another major version: refused, named, left as it is.
            File.WriteAllText(layout.VersionFile, "11\n");
            var other = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(options));
            Assert.Contains($"{layout.DataDir} holds data of PostgreSQL 11", other.Message);
            Assert.Contains("--reset-data", other.Message);
            Assert.DoesNotContain('\n', other.Message);
            Assert.Equal("11\n", File.ReadAllText(layout.VersionFile));
            File.WriteAllText(layout.VersionFile, version);

            // A pid file whose process is gone (a crash): removed, and the data is still there.
            File.WriteAllText(layout.PidFile, "999999999\n" + layout.DataDir + "\n");
            await using (var server = await LocalPostgresServer.StartAsync(options))
            {
                Assert.Equal(7, await ScalarAsync<int>(server.ConnectionString, "SELECT x FROM kept"));
            }

            // A root that cannot be a directory (a file is in the way).
            var file = Path.Combine(root, "not-a-dir");
            File.WriteAllText(file, "x");
            var bad = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(options with { Root = Path.Combine(file, "sub") }));
            Assert.Contains($"cannot use the local PostgreSQL directory {Path.Combine(file, "sub")}", bad.Message);
            Assert.Contains("--Database:DataRoot", bad.Message);

            // The documented wipe removes exactly the kept instance.
            Assert.Equal(dir, LocalPostgresSetup.Reset(root));
            Assert.False(Directory.Exists(dir));
            Assert.True(File.Exists(file));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_loose_data_root_of_this_user_is_tightened_to_0700_and_one_of_another_user_is_refused()
    {
        const UnixFileMode open = (UnixFileMode)0x1FF; // 0777, e.g. made earlier in /tmp
        const UnixFileMode dir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var root = NewRoot();
        Directory.CreateDirectory(root);
        try
        {
            File.SetUnixFileMode(root, open);
            using (var instance = LocalPostgresSetup.Prepare(new LocalPostgresOptions { Root = root, Timescale = false }))
            {
                Assert.Equal(dir, File.GetUnixFileMode(root));
                Assert.Equal(dir, File.GetUnixFileMode(instance.Plan.Layout.Dir));
            }
            // The throw-away root of every ephemeral instance is tightened the same way.
            var ephemeral = NewRoot();
            Directory.CreateDirectory(ephemeral);
            File.SetUnixFileMode(ephemeral, open);
            using (LocalPostgresSetup.Prepare(new LocalPostgresOptions { Root = ephemeral, Ephemeral = true, Timescale = false }))
            {
                Assert.Equal(dir, File.GetUnixFileMode(ephemeral));
            }
            Directory.Delete(ephemeral, recursive: true);

            // A root another local user made beforehand (only root can hand one to someone else here): refused, untouched.
            if (!PostgresBinaries.IsRoot) return;
            var foreign = NewRoot();
            Directory.CreateDirectory(foreign);
            try
            {
                File.SetUnixFileMode(foreign, open);
                using (var chown = System.Diagnostics.Process.Start("chown", ["nobody", foreign])) chown.WaitForExit();
                var e = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(new LocalPostgresOptions { Root = foreign, Timescale = false }));
                Assert.Contains($"{foreign} already exists and belongs to another user", e.Message);
                Assert.Contains("--Database:DataRoot=", e.Message);
                Assert.DoesNotContain('\n', e.Message);
                Assert.Equal(open, File.GetUnixFileMode(foreign));
                Assert.Empty(Directory.EnumerateFileSystemEntries(foreign));

                // A link to our own directory that another user planted in a shared place: refused as well.
                var link = NewRoot();
                Directory.CreateSymbolicLink(link, root);
                using (var chown = System.Diagnostics.Process.Start("chown", ["-h", "nobody", link])) chown.WaitForExit();
                var viaLink = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(new LocalPostgresOptions { Root = link, Timescale = false }));
                Assert.Contains("(as a link)", viaLink.Message);
                File.Delete(link);
            }
            finally
            {
                Directory.Delete(foreign, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void An_unwritable_data_root_gets_one_line_naming_it_and_the_fix()
    {
        // A parent only its owner may read and enter: a normal user cannot create the root in it, and as root the
        // server's postgres account cannot reach it. Either way the start is refused before initdb or the server runs.
        var parent = NewRoot();
        Directory.CreateDirectory(parent);
        try
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var root = Path.Combine(parent, "perfaspire");
            var e = Assert.Throws<LocalPostgresException>(() => LocalPostgresSetup.Prepare(new LocalPostgresOptions { Root = root, Timescale = false }));
            Assert.Contains(root, e.Message);
            Assert.Contains("--Database:DataRoot=", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.False(Directory.Exists(Path.Combine(root, "pg" + PostgresBinaries.MajorVersion(PostgresBinaries.FindOrExplain()), "data")));
        }
        finally
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task A_plain_flavour_does_not_preload_timescaledb_even_where_it_is_installed()
    {
        await using var server = await LocalPostgresServer.StartAsync(timescale: false);
        Assert.False(server.TimescaleInstalled);
        Assert.Equal("", await ScalarAsync<string>(server.ConnectionString, "SELECT current_setting('shared_preload_libraries')"));
    }
}
