using System.Runtime.InteropServices;
using PerfAspire.LocalPostgres;

// perfaspire-pg: the local PostgreSQL launcher for scripts. The same code starts the AppHost's local mode and the
// test fixture's server, so a script's server has the same authentication, preload and worker settings.
const string Usage = """
    usage: perfaspire-pg run [--ephemeral] [--root DIR] [--port N] [--timescale auto|on|off] [--database NAME]
             starts PostgreSQL, prints its connection string (one line, with the password) on stdout, and runs
             until SIGINT/SIGTERM; a throw-away (--ephemeral) instance is removed then
           perfaspire-pg where [--root DIR]    prints the kept instance directory of this PostgreSQL version
           perfaspire-pg reset [--root DIR]    wipes the kept instance directory (refused while it is in use)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = new LocalPostgresOptions();
    string? database = null;
    for (var i = 1; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new LocalPostgresException($"{args[i]} needs a value.\n{Usage}");
        switch (args[i])
        {
            case "--ephemeral": options = options with { Ephemeral = true }; break;
            case "--root": options = options with { Root = Value() }; break;
            case "--database": database = Value(); break;
            case "--port":
                options = options with { Port = int.TryParse(Value(), out var p) && p is > 0 and < 65536 ? p : throw new LocalPostgresException("--port needs a TCP port number.") };
                break;
            case "--timescale":
                options = options with
                {
                    Timescale = Value() switch
                    {
                        "auto" => null,
                        "on" => true,
                        "off" => false,
                        var v => throw new LocalPostgresException($"--timescale {v}: use auto, on or off."),
                    },
                };
                break;
            default: throw new LocalPostgresException($"unknown option {args[i]}.\n{Usage}");
        }
    }

    switch (args[0])
    {
        case "where":
            var bin = PostgresBinaries.FindOrExplain();
            Console.WriteLine(InstanceLayout.Persistent(options.Root ?? InstanceLayout.DefaultPersistentRoot(), PostgresBinaries.MajorVersion(bin)).Dir);
            return 0;
        case "reset":
            var removed = LocalPostgresSetup.Reset(options.Root);
            Console.Error.WriteLine(removed is null ? "perfaspire-pg: nothing to wipe." : $"perfaspire-pg: wiped {removed}.");
            return 0;
        case "run":
            using (var stop = new CancellationTokenSource())
            {
                using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
                using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
                await using var server = await LocalPostgresServer.StartAsync(options, stop.Token);
                var name = database ?? "postgres";
                if (database is not null) await server.EnsureDatabaseAsync(database, stop.Token);
                Console.Error.WriteLine($"perfaspire-pg: PostgreSQL on 127.0.0.1:{server.Port}, data in {server.DataDir}" +
                    (server.Plan.Ephemeral ? " (throw-away)" : "") + (server.TimescaleInstalled ? ", TimescaleDB preloaded" : ""));
                Console.WriteLine(server.Plan.ConnectionString(server.Password, name));
                Console.Out.Flush();
                try { await Task.Delay(Timeout.Infinite, stop.Token); }
                catch (OperationCanceledException) { }
            }
            return 0;
        default:
            throw new LocalPostgresException($"unknown command {args[0]}.\n{Usage}");
    }
}
catch (LocalPostgresException e)
{
    Console.Error.WriteLine("perfaspire-pg: " + e.Message);
    return 1;
}
catch (OperationCanceledException)
{
    return 130;
}
