using Microsoft.Extensions.Configuration;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema;
using PerfAspire.ServiceDefaults.Settings;

namespace PerfAspire.Tests.Infrastructure;

/// <summary>Settings bound from a few raw configuration names (keys or environment variables), the way the services bind them.</summary>
public static class TestSettings
{
    public static IConfiguration Config(params (string Name, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Name, v.Value))).Build();

    public static DatabaseSettings Database(params (string Name, string? Value)[] values) =>
        SettingsOptions.Read<DatabaseSettings>(Config(values), DatabaseSettings.Section);

    public static IngestSettings Ingestion(params (string Name, string? Value)[] values) =>
        IngestServices.ReadIngestSettings(Config(values));
}
