using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Loading;
using PerfAspire.Mcp;
using PerfAspire.Schema;
using PerfAspire.ServiceDefaults.Settings;
using static PerfAspire.Tests.Infrastructure.TestSettings;

namespace PerfAspire.Tests.Foundation;

/// <summary>
/// Settings are options bound to their sections, each key also answering to its documented environment variable; a
/// setting that cannot be used stops the start with a message naming it; unset settings take their defaults.
/// </summary>
public sealed class SettingsValidationTests
{
    [Fact]
    public void Unset_and_empty_settings_take_the_defaults()
    {
        var d = Database(("TIMESCALE_BATCH_SIZE", ""), ("Database:ChunkDays", "  "));
        Assert.Equal(new DatabaseSettings(), d);
        var i = Ingestion();
        Assert.Equal((6, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(120), new BundleLimits()), (i.CopyRetries, i.RetryBaseDelay, i.LoadTimeout, i.Limits));
    }

    [Fact]
    public void Valid_values_are_read_from_the_variables_and_the_section_keys()
    {
        var d = Database(("TIMESCALE_SCHEMA", "perf_alt"), ("TIMESCALE_RETENTION_DAYS", "0"), ("Database:SchemaAutoUpdate", "FALSE"));
        Assert.Equal(("perf_alt", 0, false), (d.Schema, d.RetentionDays, d.SchemaAutoUpdate));
        var i = Ingestion(("INGEST_MAX_REJECTED_RATIO", "0.25"), ("BUNDLE_MAX_MEMBERS", "10"), ("Ingest:LoadTimeoutMinutes", "5"), ("Bundles:Roots", "/a:/b"), ("TIMESCALE_SCHEMA", "perf_i"));
        Assert.Equal((0.25, 10, TimeSpan.FromMinutes(5), 2, "perf_i"), (i.MaxRejectedRatio, i.Limits.MaxMembers, i.LoadTimeout, i.BundleRoots.Count, i.Database.Schema));
    }

    [Fact]
    public void The_documented_variable_wins_over_its_section_key()
    {
        Assert.Equal(7, Database(("TIMESCALE_BATCH_SIZE", "7"), ("Database:BatchSize", "9")).BatchSize);
        Assert.Equal(9, Database(("Database:BatchSize", "9")).BatchSize);
    }

    // A good value for every mapped key, and what the bound options then hold: each documented variable reaches
    // the property of its key.
    static readonly Dictionary<string, (string Text, Func<IngestSettings, object?> Read, object Expected)> EveryVariable = new()
    {
        ["Database:Schema"] = ("perf_v", s => s.Database.Schema, "perf_v"),
        ["Database:BatchSize"] = ("17", s => s.Database.BatchSize, 17),
        ["Database:ChunkDays"] = ("3", s => s.Database.ChunkDays, 3),
        ["Database:CompressionAfterDays"] = ("4", s => s.Database.CompressionAfterDays, 4),
        ["Database:RetentionDays"] = ("5", s => s.Database.RetentionDays, 5),
        ["Database:Columnstore"] = ("false", s => s.Database.Columnstore, false),
        ["Database:SchemaAutoUpdate"] = ("false", s => s.Database.SchemaAutoUpdate, false),
        ["Database:MigrateOnStart"] = ("false", s => s.Database.MigrateOnStart, false),
        ["Database:MaxTableColumns"] = ("300", s => s.Database.MaxTableColumns, 300),
        ["Bundles:Roots"] = ("/r1:/r2", s => string.Join(',', s.BundleRoots), "/r1,/r2"),
        ["Bundles:MaxUncompressedBytes"] = ("1000", s => s.Limits.MaxUncompressedBytes, 1000L),
        ["Bundles:MaxCompressionRatio"] = ("12.5", s => s.Limits.MaxCompressionRatio, 12.5),
        ["Bundles:RatioCheckAfterBytes"] = ("2000", s => s.Limits.RatioCheckAfterBytes, 2000L),
        ["Bundles:MaxMembers"] = ("30", s => s.Limits.MaxMembers, 30),
        ["Ingest:WorkDirectory"] = ("/work-dir", s => s.WorkDirectory, "/work-dir"),
        ["Ingest:CopyWriters"] = ("3", s => s.CopyWriters, 3),
        ["Ingest:CopyRetries"] = ("1", s => s.CopyRetries, 1),
        ["Ingest:RetryBaseMs"] = ("50", s => s.RetryBaseDelay, TimeSpan.FromMilliseconds(50)),
        ["Ingest:MaxRejectedRatio"] = ("0.5", s => s.MaxRejectedRatio, 0.5),
        ["Ingest:MaxBatchBytes"] = ("100000", s => s.MaxBatchBytes, 100000),
        ["Ingest:MaxInFlightBytes"] = ("2000000", s => s.MaxInFlightBytes, 2000000L),
        ["Ingest:MaxOpenBytes"] = ("5000000", s => s.MaxOpenBytes, 5000000L),
        ["Ingest:RetentionCheckMinutes"] = ("7", s => s.RetentionCheckInterval, TimeSpan.FromMinutes(7)),
        ["Ingest:MaxConcurrentLoads"] = ("4", s => s.MaxConcurrentLoads, 4),
        ["Ingest:MaxQueuedLoads"] = ("9", s => s.MaxQueuedLoads, 9),
        ["Ingest:LoadTimeoutMinutes"] = ("11", s => s.LoadTimeout, TimeSpan.FromMinutes(11)),
        ["Ingest:LockWaitSeconds"] = ("13", s => s.LockWait, TimeSpan.FromSeconds(13)),
    };

    [Fact]
    public void Every_documented_variable_reaches_the_property_of_its_key()
    {
        Assert.Equal(EveryVariable.Keys.Order(), SettingVariables.Keys.Keys.Order());
        foreach (var (key, variable) in SettingVariables.Keys)
        {
            var (text, read, expected) = EveryVariable[key];
            Assert.NotEqual(expected, read(Ingestion()));
            Assert.True(Equals(expected, read(Ingestion((variable, text)))), $"{variable}={text} did not reach {key}");
            Assert.True(Equals(expected, read(Ingestion((key, text)))), $"{key}={text} was not bound");
        }
    }

    [Fact]
    public void Every_documented_variable_is_checked_naming_it()
    {
        // A bad value of any of them is rejected naming that variable.
        foreach (var (key, variable) in SettingVariables.Keys)
        {
            if (key is "Bundles:Roots" or "Ingest:WorkDirectory") continue; // free text
            var e = Assert.Throws<OptionsValidationException>(() => Ingestion((variable, "not-a-value")));
            Assert.StartsWith($"{variable}='not-a-value' is not valid: expected ", e.Message);
        }
    }

    [Theory]
    [InlineData("TIMESCALE_BATCH_SIZE", "lots", "a whole number from 1 to 1000000")]
    [InlineData("TIMESCALE_RETENTION_DAYS", "-1", "a whole number from 0 to 36500")]
    [InlineData("TIMESCALE_SCHEMA", "Perf; DROP", "a lower-case identifier")]
    [InlineData("SCHEMA_AUTO_UPDATE", "maybe", "true or false")]
    [InlineData("INGEST_COPY_WRITERS", "99", "a whole number from 1 to 16")]
    [InlineData("INGEST_MAX_REJECTED_RATIO", "2", "a number from 0 to 1")]
    [InlineData("INGEST_MAX_REJECTED_RATIO", "NaN", "a number from 0 to 1")]
    [InlineData("BUNDLE_MAX_UNCOMPRESSED_BYTES", "0", "a whole number of at least 1")]
    [InlineData("BUNDLE_MAX_COMPRESSION_RATIO", "0.5", "a number of at least 1")]
    [InlineData("INGEST_LOCK_WAIT_SECONDS", "99999999999", "a whole number from 1 to 86400")]
    [InlineData("Ingest:CopyWriters", "0", "a whole number from 1 to 16")]
    [InlineData("Database:ChunkDays", "none", "a whole number from 1 to 3650")]
    public void A_bad_value_names_the_setting_instead_of_falling_back(string name, string value, string expected)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Ingestion((name, value)));
        Assert.StartsWith($"{name}='{value}' is not valid: expected {expected}", e.Message);
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

    [Fact]
    public async Task Mcp_options_that_are_not_numbers_stop_the_start_naming_the_setting()
    {
        using var host = McpBuilder(new() { ["Mcp:Charts:MaxQueuedRenders"] = "many" }).Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith("Mcp:Charts:MaxQueuedRenders='many' is not valid: expected a whole number from 0 to 10000", e.Message);
    }

    [Theory]
    [InlineData("TIMESCALE_CHUNK_DAYS", "0")]
    [InlineData("Database:Columnstore", "sometimes")]
    [InlineData("INGEST_MAX_QUEUED_LOADS", "-3")]
    [InlineData("INGEST_RETRY_BASE_MS", "fast")]
    [InlineData("Bundles:MaxMembers", "0")]
    [InlineData("BUNDLE_MAX_MEMBERS", "0")]
    public async Task A_bad_database_or_ingest_setting_stops_the_start_naming_it(string name, string value)
    {
        // The MCP server without an ingest service runs the ingestion runtime in process: both settings are its.
        using var host = McpBuilder(new() { [name] = value }).Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.StartsWith($"{name}='{value}' is not valid", e.Message);
    }

    [Fact]
    public async Task A_bad_docs_cache_setting_stops_the_start_naming_it()
    {
        // The MCP server without a docs service runs the docs index in process: the setting is its.
        using var host = McpBuilder(new() { ["Docs:UseShippedEmbeddings"] = "nope" }).Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
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
