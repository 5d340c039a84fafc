using System.Net;
using System.Net.Sockets;
using PerfAspire.AppHost.Database;

namespace PerfAspire.Tests.Foundation;

public sealed class ExternalDatabaseTests
{
    [Fact]
    public void Missing_connection_string_names_both_settings()
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() => ExternalDatabase.Resolve(null, " "));
        Assert.Contains("TIMESCALE_DSN", e.Message);
        Assert.Contains("ConnectionStrings:timescale", e.Message);
    }

    [Fact]
    public void Url_dsn_is_normalized_and_the_aspire_reference_wins()
    {
        Assert.Equal("Host=db.example;Port=5433;Database=ptops;Username=u;Password=\"p w\"",
            ExternalDatabase.Resolve(null, "postgresql://u:p%20w@db.example:5433/ptops"));
        Assert.Contains("Host=a", ExternalDatabase.Resolve("Host=a;Database=x", "postgresql://b/y"));
    }

    [Fact]
    public void Garbage_dsn_is_one_clear_line()
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() => ExternalDatabase.Resolve(null, "postgresql://u@h:notaport/db"));
        Assert.StartsWith("TIMESCALE_DSN is not a valid PostgreSQL connection string", e.Message);
    }

    [Fact]
    public async Task Unreachable_database_is_one_line_naming_the_target_and_the_fix()
    {
        // A port that was free a moment ago: nothing listens there.
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var e = await Assert.ThrowsAsync<DatabaseConfigurationException>(() =>
            ExternalDatabase.EnsureReachableAsync($"Host=127.0.0.1;Port={port};Database=ptops;Username=x", TimeSpan.FromSeconds(2)));
        Assert.Contains($"127.0.0.1:{port}/ptops", e.Message);
        Assert.Contains("--Database:Mode=local", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
