using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfAspire.Ingest;
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
        var d = DatabaseSettings.Read(Env(("TIMESCALE_BATCH_SIZE", "")));
        Assert.Equal(new DatabaseSettings(), d);
        Assert.Equal(6, IngestSettings.Read(Env()).CopyRetries);
    }

    [Fact]
    public void Valid_values_are_read_from_the_variables_and_the_section_keys()
    {
        var d = DatabaseSettings.Read(Env(("TIMESCALE_SCHEMA", "perf_alt"), ("TIMESCALE_RETENTION_DAYS", "0"), ("Database:SchemaAutoUpdate", "FALSE")));
        Assert.Equal(("perf_alt", 0, false), (d.Schema, d.RetentionDays, d.SchemaAutoUpdate));
        var i = IngestSettings.Read(Env(("INGEST_MAX_REJECTED_RATIO", "0.25"), ("BUNDLE_MAX_MEMBERS", "10"), ("Ingest:LoadTimeoutMinutes", "5"), ("Bundles:Roots", "/a:/b")));
        Assert.Equal((0.25, 10, TimeSpan.FromMinutes(5), 2), (i.MaxRejectedRatio, i.Limits.MaxMembers, i.LoadTimeout, i.BundleRoots.Count));
    }

    [Fact]
    public void The_documented_variable_wins_over_its_section_key()
    {
        var d = DatabaseSettings.Read(Env(("TIMESCALE_BATCH_SIZE", "7"), ("Database:BatchSize", "9")));
        Assert.Equal(7, d.BatchSize);
    }

    [Fact]
    public void Every_documented_variable_is_mapped_to_a_key_of_its_section()
    {
        // Each variable is read by IngestSettings (which reads the Database and Bundles sections too): a bad value
        // of any of them must be rejected naming that variable.
        foreach (var (key, variable) in SettingVariables.Keys)
        {
            if (key is "Bundles:Roots" or "Ingest:WorkDirectory" or "Database:Schema") continue; // free text / identifier: checked below
            var e = Assert.Throws<SettingsException>(() => IngestSettings.Read(Env((variable, "not-a-value"))));
            Assert.StartsWith($"{variable}='not-a-value' is not valid", e.Message);
        }
        Assert.Throws<SettingsException>(() => IngestSettings.Read(Env(("TIMESCALE_SCHEMA", "Not Valid"))));
        Assert.Equal("/work", IngestSettings.Read(Env(("INGEST_WORK_DIR", "/work"))).WorkDirectory);
    }

    [Theory]
    [InlineData("TIMESCALE_BATCH_SIZE", "lots")]
    [InlineData("TIMESCALE_RETENTION_DAYS", "-1")]
    [InlineData("TIMESCALE_SCHEMA", "Perf; DROP")]
    [InlineData("SCHEMA_AUTO_UPDATE", "maybe")]
    [InlineData("INGEST_COPY_WRITERS", "99")]
    [InlineData("INGEST_MAX_REJECTED_RATIO", "2")]
    [InlineData("BUNDLE_MAX_UNCOMPRESSED_BYTES", "0")]
    [InlineData("Ingest:CopyWriters", "0")]
    [InlineData("Database:ChunkDays", "none")]
    public void A_bad_value_names_the_setting_instead_of_falling_back(string name, string value)
    {
        var e = Assert.Throws<SettingsException>(() => IngestSettings.Read(Env((name, value))));
        Assert.StartsWith($"{name}='{value}' is not valid: expected ", e.Message);
    }

    static HostApplicationBuilder McpBuilder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timescale"] = "Host=db.example;Database=perf;Username=owner",
            ["SCHEMA_MIGRATE_ON_START"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.AddPerfAspireMcpServices();
        return builder;
    }

    [Fact]
    public async Task Mcp_options_out_of_range_stop_the_start_naming_the_setting()
    {
        using var host = McpBuilder(new() { ["Mcp:Query:StatementTimeoutMs"] = "5" }).Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Mcp:Query:StatementTimeoutMs must be between 100 and 3600000.", e.Message);
    }

    [Theory]
    [InlineData("TIMESCALE_CHUNK_DAYS", "0")]
    [InlineData("Database:Columnstore", "sometimes")]
    [InlineData("INGEST_MAX_QUEUED_LOADS", "-3")]
    [InlineData("Bundles:MaxMembers", "0")]
    public async Task A_bad_database_or_ingest_setting_stops_the_start_naming_it(string name, string value)
    {
        // The MCP server without an ingest service runs the ingestion runtime in process: both settings are its.
        using var host = McpBuilder(new() { [name] = value }).Build();
        var e = await Assert.ThrowsAsync<SettingsException>(() => host.StartAsync());
        Assert.StartsWith($"{name}='{value}' is not valid", e.Message);
    }

    [Fact]
    public async Task A_bad_docs_cache_setting_stops_the_start_naming_it()
    {
        // The MCP server without a docs service runs the docs index in process: the setting is its.
        using var host = McpBuilder(new() { ["Docs:UseShippedEmbeddings"] = "nope" }).Build();
        var e = await Assert.ThrowsAsync<SettingsException>(() => host.StartAsync());
        Assert.StartsWith("Docs:UseShippedEmbeddings='nope' is not valid: expected true or false", e.Message);
    }

    [Fact]
    public void The_documented_variables_reach_the_options()
    {
        // Environment variables appear in configuration under their own names.
        using var host = McpBuilder(new() { ["TIMESCALE_SCHEMA"] = "perf_env", ["INGEST_LOCK_WAIT_SECONDS"] = "12", ["Ingest:CopyWriters"] = "3" }).Build();
        Assert.Equal("perf_env", host.Services.GetRequiredService<IOptions<DatabaseSettings>>().Value.Schema);
        Assert.Equal("perf_env", host.Services.GetRequiredService<IOptions<PerfAspire.Mcp.Query.QueryOptions>>().Value.Schema);
        var ingest = host.Services.GetRequiredService<IOptions<IngestSettings>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(12), 3, "perf_env"), (ingest.LockWait, ingest.CopyWriters, ingest.Database.Schema));
    }
}
