using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SystemHealthTests(DatabaseFixture db)
{
    [Fact]
    public async Task Reports_schema_compression_retention_active_bundle_and_query_counters()
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.OkAsync("query_run", new { metric_name = "mem_available_percent" });
        await env.Client.ErrorAsync("query_run", new { metric_name = "mem_available_percent", start_time = "not a time" }, "invalid_time");

        var health = await env.Client.OkAsync("system_health");
        Assert.Equal("perf", health.GetProperty("schema").GetProperty("name").GetString());
        Assert.True(health.GetProperty("schema").GetProperty("version").GetInt32() >= 1);
        Assert.True(health.GetProperty("schema").GetProperty("metrics").GetInt32() > 100);
        Assert.Equal(TestBundleData.ActiveBundle, health.GetProperty("active_bundle").GetProperty("bundle_id").GetString());
        Assert.Equal(30, health.GetProperty("retention").GetProperty("days").GetInt32());
        Assert.Contains("load age", health.GetProperty("retention").GetProperty("policy").GetString());
        Assert.Equal(2, health.GetProperty("retention").GetProperty("bundles_loaded").GetInt32());
        var counters = health.GetProperty("counters");
        Assert.True(counters.GetProperty("timescale_query_duration_ms_sum").GetDouble() > 0);
        Assert.True(counters.GetProperty("timescale_queries_total").GetInt64() >= 1);
        Assert.True(counters.TryGetProperty("timescale_query_errors_total", out _));
        Assert.True(counters.TryGetProperty("timescale_rows_inserted_total", out _));
        var warnings = health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.DoesNotContain("no_active_bundle", warnings);
        Assert.DoesNotContain("schema_missing", warnings);
        var compression = health.GetProperty("compression");
        if (db.TimescaleAvailable)
        {
            Assert.DoesNotContain("timescale_unavailable", warnings);
            Assert.True(compression.GetProperty("enabled").GetBoolean());
        }
        else
        {
            Assert.Contains(db.PlainWarning, warnings);
            Assert.False(compression.GetProperty("enabled").GetBoolean());
            Assert.Equal("degraded", health.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task A_failing_query_counts_as_a_query_error()
    {
        var env = await McpEnvironment.GetAsync(db);
        var metrics = (Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PerfAspire.Mcp.Observability.QueryMetrics>(env.Server.Services));
        var before = metrics.Errors;
        // A NUL byte cannot be stored in PostgreSQL text: the database refuses the bound value, the query fails.
        await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", filters = new { cpu = "a\u0000b" } }, "query_failed");
        Assert.Equal(before + 1, metrics.Errors);
    }
}
