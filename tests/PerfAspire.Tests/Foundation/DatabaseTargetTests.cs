using Microsoft.Extensions.Configuration;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.Tests.Foundation;

public sealed class DatabaseTargetTests
{
    static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Aspire_reference_wins_over_TIMESCALE_DSN()
    {
        var t = DatabaseTarget.FromConfiguration(Config(
            ("ConnectionStrings:timescale", "Host=127.0.0.1;Port=6000;Database=ptops;Username=postgres"),
            ("TIMESCALE_DSN", "postgresql://other/db"),
            ("DATABASE_MODE", "local")));
        Assert.Equal("ConnectionStrings:timescale", t.Source);
        Assert.Equal("local", t.Mode);
        Assert.Equal("127.0.0.1:6000/ptops", t.Display);
    }

    [Fact]
    public void Url_dsn_is_accepted_and_the_password_never_shows()
    {
        var t = DatabaseTarget.FromConfiguration(Config(("TIMESCALE_DSN", "postgresql://me:secret@db:5433/perf")));
        Assert.Equal("TIMESCALE_DSN", t.Source);
        Assert.Equal("external", t.Mode);
        Assert.Equal("db:5433/perf", t.Display);
        Assert.Contains("Password=secret", t.ConnectionString);
        Assert.DoesNotContain("secret", t.Display);
    }

    [Fact]
    public void Nothing_configured_falls_back_to_the_seed_default()
    {
        var t = DatabaseTarget.FromConfiguration(Config());
        Assert.Equal("default", t.Source);
        Assert.Equal("localhost:5432/ptops", t.Display);
    }
}
