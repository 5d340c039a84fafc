using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The MCP server with no ingest or docs service configured: loads run in process, and each MCP session reads the
/// bundle it loaded or switched to while a session that has not chosen reads the shared active bundle.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SessionBundleTests(DatabaseFixture db)
{
    [Fact]
    public async Task Two_http_sessions_loading_different_bundles_each_read_their_own()
    {
        await using var bed = await TwoBundleServer.StartAsync(db, "perfaspire-mcp-sessions-", ingestService: false);
        var (first, second, server) = (bed.First, bed.Second, bed.Server);
        // Sessions are a feature of protocol versions up to 2025-11-25; a sessionless client is the bystander.
        await using var one = await server.ConnectAsync(protocolVersion: WithSessions);
        await using var two = await server.ConnectAsync(protocolVersion: WithSessions);
        await using var bystander = await server.ConnectAsync();

        // Both loads at once, one per session.
        var loads = await Task.WhenAll(
            one.OkAsync("support_load_bundle", new { path = first.Path }),
            two.OkAsync("support_load_bundle", new { path = second.Path }));
        var (a, b) = (loads[0].GetProperty("bundle_id").GetString()!, loads[1].GetProperty("bundle_id").GetString()!);
        Assert.NotEqual(a, b);

        Assert.Equal(a, await QueriedBundleAsync(one));
        Assert.Equal(b, await QueriedBundleAsync(two));
        var oneContext = await one.OkAsync("support_active_context");
        Assert.Equal(("session", a), (oneContext.GetProperty("scope").GetString(), oneContext.GetProperty("bundle").GetProperty("bundle_id").GetString()));

        // A client without a session follows the shared active bundle (the last load or switch of anyone).
        var shared = (await bystander.OkAsync("support_list_bundles")).GetProperty("active_bundle_id").GetString();
        Assert.Contains(shared, new[] { a, b });
        Assert.Equal(shared, await QueriedBundleAsync(bystander));
        var bystanderContext = await bystander.OkAsync("support_active_context");
        Assert.Equal(("shared", shared), (bystanderContext.GetProperty("scope").GetString(), bystanderContext.GetProperty("bundle").GetProperty("bundle_id").GetString()));

        await using var fresh = await server.ConnectAsync(protocolVersion: WithSessions);
        Assert.Equal(shared, await QueriedBundleAsync(fresh));
        Assert.Contains("has not loaded or switched", (await fresh.OkAsync("support_active_context")).GetProperty("reason").GetString());

        // A switch is the session's choice too; the other sessions keep theirs.
        await two.OkAsync("support_switch_active", new { bundle_id = a });
        Assert.Equal(a, await QueriedBundleAsync(two));
        await two.OkAsync("support_switch_active", new { bundle_id = b });
        Assert.Equal(a, await QueriedBundleAsync(one));

        // Unloading a session's bundle sends that session back to the shared active bundle.
        await two.OkAsync("support_unload_bundle", new { bundle_id = b });
        await one.OkAsync("support_switch_active", new { bundle_id = a });
        var twoContext = await two.OkAsync("support_active_context");
        Assert.Equal(("shared", a), (twoContext.GetProperty("scope").GetString(), twoContext.GetProperty("bundle").GetProperty("bundle_id").GetString()));
        Assert.Equal(a, await QueriedBundleAsync(two));
    }

    [Fact]
    public async Task A_docs_model_that_fails_to_load_in_process_is_a_docs_warning_naming_the_cause()
    {
        var env = await McpEnvironment.GetAsync(db);
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, configure: s =>
            s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new BrokenModel()));
        await using var client = await server.ConnectAsync();

        var docs = await client.OkAsync("docs_search", new { q = "disk saturation" });
        Assert.Equal(["docs_unavailable"], docs.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains(BrokenModel.Failure, docs.GetProperty("message").GetString());
        Assert.Contains("in process", docs.GetProperty("message").GetString());

        var query = await client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
        Assert.Equal(TestBundleData.Epochs, query.GetProperty("row_count").GetInt32());
    }

    const string WithSessions = "2025-11-25";

    static async Task<string?> QueriedBundleAsync(McpClient client) =>
        (await client.OkAsync("query_run", new { pattern_name = "latest_value", metric_name = "mem_available_percent" })).GetProperty("bundle_id").GetString();

    sealed class BrokenModel : IEmbeddingGenerator<string, Embedding<float>>
    {
        public const string Failure = "model file onnx/model.onnx is missing";

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default) => throw new FileNotFoundException(Failure);

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
