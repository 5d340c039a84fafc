using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Analysis;

/// <summary>One database holding <see cref="AnalysisBundleData"/> and one MCP server + client on it, shared by the analysis tests.</summary>
public sealed class AnalysisEnvironment
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static AnalysisEnvironment? _shared;

    public required McpTestServer Server { get; init; }
    public required McpClient Client { get; init; }

    public static async Task<AnalysisEnvironment> GetAsync(DatabaseFixture db)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is not null) return _shared;
            var cs = await McpDatabase.CreateMigratedAsync(db);
            await AnalysisBundleData.InsertAsync(cs);
            // Nothing listens on port 9 (discard): the docs lookup fails fast.
            var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
            _shared = new AnalysisEnvironment { Server = server, Client = await server.ConnectAsync() };
            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }
}
