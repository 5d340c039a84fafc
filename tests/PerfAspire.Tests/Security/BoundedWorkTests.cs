using Npgsql;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Security;

/// <summary>One client cannot hold the server's connections or CPU for long: call deadlines, chart limits, paged lists.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BoundedWorkTests(DatabaseFixture db)
{
    static readonly object Windows = new
    {
        window_a = new[] { "bundle_start", "bundle_start+10m" },
        window_b = new[] { "bundle_start+10m", "bundle_end" },
    };

    [Fact]
    public async Task A_call_stuck_behind_a_lock_stops_at_its_deadline_and_compare_windows_answers_partially()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await TestBundleData.InsertAsync(cs);
        // The statement timeout alone would let each of the statements wait 60 s; the call deadline is 5 s (generous for this small bundle on a busy machine).
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            // No in-process ingest or docs: their start-up work would compete with the 5 s deadline on a busy machine.
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            ["Mcp:IngestUrl"] = "http://127.0.0.1:9",
            ["Mcp:Query:StatementTimeoutMs"] = "60000",
            ["Mcp:Query:CallDeadlineSeconds"] = "5",
        });
        await using var client = await server.ConnectAsync();

        var whole = (await ToolReply.OkAsync(client, "compare_windows", Windows)).Body;
        Assert.False(whole.GetProperty("partial").GetBoolean());
        Assert.Equal(whole.GetProperty("tables_scanned").GetInt32(), whole.GetProperty("tables_compared").GetInt32());

        // A writer holding an exclusive lock on one table blocks every read of it until the lock goes.
        await using var locker = new NpgsqlConnection(cs);
        await locker.OpenAsync();
        await using var tx = await locker.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("LOCK TABLE perf.ptops_mem IN ACCESS EXCLUSIVE MODE", locker, tx)) await cmd.ExecuteNonQueryAsync();

        var partial = (await ToolReply.OkAsync(client, "compare_windows", Windows)).Body;
        Assert.True(partial.GetProperty("partial").GetBoolean());
        Assert.True(partial.GetProperty("tables_compared").GetInt32() < partial.GetProperty("tables_scanned").GetInt32());
        Assert.Contains(partial.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("deadline_partial:", StringComparison.Ordinal));
        Assert.Contains("Partial", partial.GetProperty("next").GetString());

        // A tool without a partial answer: one clear error naming the deadline and what to do.
        var error = await client.ErrorAsync("query_run", new { metric_name = "mem_available_percent" }, "deadline_exceeded");
        Assert.Contains("5 s", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("next").GetString()));

        await tx.RollbackAsync();
        // The lock gone, the same server answers in full again: the stopped calls left no connection stuck.
        var after = (await ToolReply.OkAsync(client, "compare_windows", Windows)).Body;
        Assert.False(after.GetProperty("partial").GetBoolean());
        await client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
    }

    [Fact]
    public async Task Bundle_and_job_lists_are_paged_with_cursor_and_limit()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await TestBundleData.InsertAsync(cs);
        await using var ingest = await IngestHost.StartAsync(cs);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:IngestUrl"] = ingest.BaseAddress.ToString(),
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();

        var all = await client.OkAsync("support_list_bundles");
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total >= 2, all.ToString());
        Assert.False(all.GetProperty("truncated").GetBoolean());

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.OkAsync("support_list_bundles", cursor is null ? new { limit = 1 } : new { limit = 1, cursor });
            Assert.Equal(1, page.GetProperty("count").GetInt32());
            Assert.Equal(total, page.GetProperty("total").GetInt32());
            seen.Add(page.GetProperty("bundles")[0].GetProperty("bundle_id").GetString()!);
            cursor = page.TryGetProperty("next_cursor", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : null;
            Assert.Equal(cursor is not null, page.GetProperty("truncated").GetBoolean());
        }
        while (cursor is not null && seen.Count <= total);
        Assert.Equal(all.GetProperty("bundles").EnumerateArray().Select(b => b.GetProperty("bundle_id").GetString()!), seen);

        await client.ErrorAsync("support_list_bundles", new { cursor = "not-a-cursor" }, "invalid_argument");
        await client.ErrorAsync("support_list_bundles", new { limit = 1000 }, "invalid_argument");
        var jobs = await client.OkAsync("support_ingest_status", new { limit = 5 });
        Assert.Equal(0, jobs.GetProperty("total").GetInt32());
        Assert.False(jobs.GetProperty("truncated").GetBoolean());
        await client.ErrorAsync("support_ingest_status", new { limit = 0 }, "invalid_argument");
    }

    [Fact]
    public async Task Three_hundred_concurrent_loads_leave_the_mcp_server_answering_with_connections_bounded()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await TestBundleData.InsertAsync(cs);
        await using var ingest = await IngestHost.StartAsync(cs);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:IngestUrl"] = ingest.BaseAddress.ToString(),
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();
        using var http = new HttpClient { BaseAddress = ingest.BaseAddress };
        var body = System.Text.Json.JsonSerializer.Serialize(new { path = Ingest.IngestTestBed.Small.TarGz.Path, force = true });

        var responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(async _ =>
        {
            using var response = await http.PostAsync("/api/bundles/load", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter is not null, Text: text);
        }));

        // The loads admitted are running or queued now: the MCP server still answers, on its own connections.
        await client.OkAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = TestBundleData.OtherBundle });
        await client.OkAsync("system_health");
        var database = new NpgsqlConnectionStringBuilder(cs).Database;
        await using var probe = new NpgsqlConnection(cs);
        await probe.OpenAsync();
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1", probe))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = database });
            var connections = (long)(await cmd.ExecuteScalarAsync())!;
            // Without the queue each of the 300 requests would hold its own lock connection.
            Assert.True(connections < 60, $"{connections} connections to the database during the burst");
        }

        var refused = responses.Where(r => r.StatusCode == System.Net.HttpStatusCode.TooManyRequests).ToList();
        var admitted = responses.Where(r => r.StatusCode is System.Net.HttpStatusCode.Accepted or System.Net.HttpStatusCode.OK).ToList();
        Assert.Equal(300, refused.Count + admitted.Count);
        Assert.NotEmpty(refused);
        Assert.All(refused, r =>
        {
            Assert.True(r.RetryAfter);
            Assert.Contains("too_many_loads", r.Text);
        });

        // Cancel what is still queued or running; the server answers the same as before.
        foreach (var r in admitted)
        {
            var id = System.Text.Json.JsonDocument.Parse(r.Text).RootElement.GetProperty("job_id").GetString();
            using var _ = await http.PostAsync($"/api/bundles/jobs/{id}/cancel", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        }
        await client.OkAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = TestBundleData.OtherBundle });
    }
}
