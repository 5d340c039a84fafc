using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>Load, switch, unload and purge through the MCP tools, on a database of their own.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BundleLifecycleToolsTests(DatabaseFixture db)
{
    [Fact]
    public async Task Load_switch_unload_and_purge_change_what_queries_see()
    {
        await using var bed = await TwoBundleServer.StartAsync(db, "perfaspire-mcp-lifecycle-");
        var (first, second, server) = (bed.First, bed.Second, bed.Server);
        await using var client = await server.ConnectAsync();

        var none = await client.OkAsync("support_active_context");
        Assert.Contains("no_active_bundle", none.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        await client.ErrorAsync("support_load_bundle", new { path = Path.Combine(bed.Root, "missing.tar.gz") }, "path_not_found");
        await client.ErrorAsync("support_load_bundle", new { path = first.Path, max_files = 11 }, "invalid_max_files");

        var a = (await client.OkAsync("support_load_bundle", new { path = first.Path })).GetProperty("bundle_id").GetString()!;
        var b = (await client.OkAsync("support_load_bundle", new { path = second.Path })).GetProperty("bundle_id").GetString()!;
        Assert.NotEqual(a, b);
        Assert.Equal(b, await ActiveHostBundleAsync(client));

        await client.OkAsync("support_switch_active", new { bundle_id = a });
        Assert.Equal(a, await ActiveHostBundleAsync(client));

        await client.ErrorAsync("support_unload_bundle", new { }, "invalid_argument");
        await client.ErrorAsync("support_unload_bundle", new { bundle_id = a, purge_all = true }, "invalid_argument");
        await client.OkAsync("support_unload_bundle", new { bundle_id = a });
        var afterUnload = await client.OkAsync("query_run", new { metric_name = "cpu_utilization" });
        Assert.Equal(["no_active_bundle"], afterUnload.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var onB = await client.OkAsync("query_run", new { metric_name = "mem_available_percent", bundle_id = b });
        Assert.Equal(10, onB.GetProperty("row_count").GetInt32());

        await client.OkAsync("support_unload_bundle", new { purge_all = true });
        var list = await client.OkAsync("support_list_bundles");
        Assert.Equal(0, list.GetProperty("count").GetInt32());
        await client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = b }, "bundle_not_found");
    }

    static async Task<string?> ActiveHostBundleAsync(ModelContextProtocol.Client.McpClient client)
    {
        var q = await client.OkAsync("query_run", new { pattern_name = "latest_value", metric_name = "mem_available_percent" });
        return q.GetProperty("bundle_id").GetString();
    }
}
