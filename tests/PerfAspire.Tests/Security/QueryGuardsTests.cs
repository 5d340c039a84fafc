using Npgsql;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.Security;

/// <summary>Queries never read partial bundles, and out-of-range times are one clear error.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class QueryGuardsTests(DatabaseFixture db)
{
    static readonly DateTimeOffset Start = new(2025, 6, 28, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("bundle_end-3650000d")]
    [InlineData("bundle_end-9999999999h")]
    [InlineData("bundle_start+3651d")]
    public void Offsets_beyond_ten_years_are_invalid_time(string text)
    {
        var e = Assert.Throws<ToolError>(() => TimeArgument.Parse(text, "start", Start, Start.AddHours(1), Start));
        Assert.Equal("invalid_time", e.Code);
        Assert.Contains("3650 days", e.Message);
    }

    [Fact]
    public void An_offset_past_year_one_is_invalid_time_not_an_overflow()
    {
        var nearZero = new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var e = Assert.Throws<ToolError>(() => TimeArgument.Parse("bundle_start-30d", "start", nearZero, nearZero, nearZero));
        Assert.Equal("invalid_time", e.Code);
        Assert.Equal(Start.AddDays(-3650), TimeArgument.Parse("bundle_start-3650d", "start", Start, Start, Start));
    }

    [Fact]
    public async Task A_bundle_that_is_not_loaded_is_refused_with_bundle_not_ready_naming_its_state()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await TestBundleData.InsertAsync(cs);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            foreach (var state in new[] { "loading", "failed", "unloading" })
            {
                await using var cmd = new NpgsqlCommand(
                    "INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, host, state, active) VALUES ($1, $1, '/x', 'h', $2, false)", conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = "b-" + state });
                cmd.Parameters.Add(new NpgsqlParameter { Value = state });
                await cmd.ExecuteNonQueryAsync();
            }
        }
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" });
        await using var client = await server.ConnectAsync();
        foreach (var state in new[] { "loading", "failed", "unloading" })
        {
            var error = await client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = "b-" + state }, "bundle_not_ready");
            Assert.Contains($"is {state}", error.GetProperty("message").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("next").GetString()));
        }
        // The loaded bundles still answer, and a far offset is invalid_time rather than the SDK's generic error.
        await client.OkAsync("query_run", new { metric_name = "cpu_utilization", bundle_id = TestBundleData.OtherBundle });
        await client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", start_time = "bundle_end-3650000d" }, "invalid_time");
    }
}
