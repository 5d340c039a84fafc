using System.Text.Json;

namespace PerfAspire.Tests.EndToEnd;

static class SystemHealthAssertions
{
    /// <summary>The answer of a server whose database is up, with or without TimescaleDB.</summary>
    public static void AssertHealthy(JsonElement health, string expectedMode)
    {
        var db = health.GetProperty("database");
        Assert.Equal(expectedMode, db.GetProperty("mode").GetString());
        Assert.True(db.GetProperty("reachable").GetBoolean(), db.TryGetProperty("error", out var error) ? error.GetString() : "");
        Assert.Matches(@"^\d+(\.\d+)?", db.GetProperty("postgres_version").GetString());
        Assert.Equal("perfaspire", health.GetProperty("server").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("server").GetProperty("version").GetString()));

        var warnings = health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        // Null members are left out of the answer (the SDK's JSON options).
        if (!db.TryGetProperty("timescaledb_version", out _))
        {
            // Missing, or installed but not preloaded (the plain test flavour on a machine that has TimescaleDB).
            Assert.Contains(warnings, w => w is "timescale_unavailable" or "timescale_not_preloaded");
            Assert.Equal("degraded", health.GetProperty("status").GetString());
        }
        else
        {
            Assert.DoesNotContain(warnings, w => w is "timescale_unavailable" or "timescale_not_preloaded");
            Assert.True(health.GetProperty("status").GetString() == "ok", $"system_health is not ok: {health}");
        }
    }
}
