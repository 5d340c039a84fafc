using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfAspire.Ingest.Loading;
using PerfAspire.Mcp;
using PerfAspire.Schema;

namespace PerfAspire.Tests.Foundation;

/// <summary>A setting that cannot be used stops the start with a message naming it; unset settings take their defaults.</summary>
public sealed class SettingsValidationTests
{
    static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void Unset_and_empty_settings_take_the_defaults()
    {
        var d = DatabaseSettings.FromEnvironment(Env(("TIMESCALE_BATCH_SIZE", "")));
        Assert.Equal(new DatabaseSettings(), d);
        Assert.Equal(6, IngestSettings.FromEnvironment(Env()).CopyRetries);
    }

    [Fact]
    public void Valid_values_are_read()
    {
        var d = DatabaseSettings.FromEnvironment(Env(("TIMESCALE_SCHEMA", "perf_alt"), ("TIMESCALE_RETENTION_DAYS", "0"), ("SCHEMA_AUTO_UPDATE", "FALSE")));
        Assert.Equal(("perf_alt", 0, false), (d.Schema, d.RetentionDays, d.SchemaAutoUpdate));
        var i = IngestSettings.FromEnvironment(Env(("INGEST_MAX_REJECTED_RATIO", "0.25"), ("BUNDLE_MAX_MEMBERS", "10")));
        Assert.Equal((0.25, 10), (i.MaxRejectedRatio, i.Limits.MaxMembers));
    }

    [Theory]
    [InlineData("TIMESCALE_BATCH_SIZE", "lots")]
    [InlineData("TIMESCALE_RETENTION_DAYS", "-1")]
    [InlineData("TIMESCALE_SCHEMA", "Perf; DROP")]
    [InlineData("SCHEMA_AUTO_UPDATE", "maybe")]
    [InlineData("INGEST_COPY_WRITERS", "99")]
    [InlineData("INGEST_MAX_REJECTED_RATIO", "2")]
    [InlineData("BUNDLE_MAX_UNCOMPRESSED_BYTES", "0")]
    public void A_bad_value_names_the_setting_instead_of_falling_back(string name, string value)
    {
        var e = Assert.Throws<SettingsException>(() => IngestSettings.FromEnvironment(Env((name, value))));
        Assert.StartsWith($"{name}='{value}' is not valid: expected ", e.Message);
    }

    [Fact]
    public async Task Mcp_options_out_of_range_stop_the_start_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timescale"] = "Host=db.example;Database=perf;Username=owner",
            ["Mcp:MigrateOnStartup"] = "false",
            ["Mcp:Query:StatementTimeoutMs"] = "5",
        });
        builder.AddServiceDefaults();
        builder.AddPerfAspireMcpServices();
        using var host = builder.Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Mcp:Query:StatementTimeoutMs must be between 100 and 3600000.", e.Message);
    }
}
