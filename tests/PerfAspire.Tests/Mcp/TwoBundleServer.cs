using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// Two small generated bundles (the second of another host) in a temporary folder, and an MCP server on a migrated
/// database of its own that loads them — through an ingest service of its own, or in process. Disposing stops both
/// and removes the folder.
/// </summary>
public sealed class TwoBundleServer : IAsyncDisposable
{
    TwoBundleServer(string root, GeneratedBundle first, GeneratedBundle second)
    {
        Root = root;
        First = first;
        Second = second;
    }

    public string Root { get; }

    public GeneratedBundle First { get; }

    public GeneratedBundle Second { get; }

    public McpTestServer Server { get; private set; } = null!;

    IngestHost? _ingest;

    /// <param name="prefix">Name of the temporary folder (its start).</param>
    /// <param name="ingestService">true: loads go to an ingest service; false: the server loads in process.</param>
    public static async Task<TwoBundleServer> StartAsync(DatabaseFixture db, string prefix, bool ingestService = true)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        var small = GeneratorOptions.Small with { Files = 1, EpochsPerFile = 10, TopThreads = 5 };
        var bed = new TwoBundleServer(root,
            BundleGenerator.Generate(small, BundleFormat.TarGz, Path.Combine(root, "a")),
            BundleGenerator.Generate(small with { Seed = 7, Host = "dns-edge-02" }, BundleFormat.TarGz, Path.Combine(root, "b")));
        try
        {
            var cs = await McpDatabase.CreateMigratedAsync(db);
            var settings = new Dictionary<string, string?> { ["Mcp:Ingest:PollMilliseconds"] = "50" };
            if (ingestService)
            {
                bed._ingest = await IngestHost.StartAsync(cs);
                settings["Mcp:IngestUrl"] = bed._ingest.BaseAddress.ToString();
            }
            bed.Server = await McpTestServer.StartAsync(cs, settings);
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        if (_ingest is not null) await _ingest.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
