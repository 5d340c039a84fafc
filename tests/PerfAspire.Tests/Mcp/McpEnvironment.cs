using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// One database with the schema and <see cref="TestBundleData"/>, one MCP server on it and one connected client,
/// shared by the read-only MCP test classes of a run (tests that change bundles make their own).
/// </summary>
public sealed class McpEnvironment
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static McpEnvironment? _shared;

    public required string ConnectionString { get; init; }
    public required McpTestServer Server { get; init; }
    public required McpClient Client { get; init; }

    public static async Task<McpEnvironment> GetAsync(DatabaseFixture db)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            var cs = await McpDatabase.CreateMigratedAsync(db);
            await TestBundleData.InsertAsync(cs);
            var server = await McpTestServer.StartAsync(cs);
            var client = await server.ConnectAsync();
            _shared = new McpEnvironment { ConnectionString = cs, Server = server, Client = client };
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }
}
