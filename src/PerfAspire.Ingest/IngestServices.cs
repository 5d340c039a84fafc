using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Ingest.Apis;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema;
using PerfAspire.ServiceDefaults.Database;
using PerfAspire.ServiceDefaults.Security;
using PerfAspire.ServiceDefaults.Settings;

namespace PerfAspire.Ingest;

/// <summary>
/// Where the ingest service registers its services and maps its HTTP API (owner: ingest). Program.cs only
/// calls these two methods.
/// </summary>
public static class IngestServices
{
    public static TBuilder AddIngestServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddIngestRuntime(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The ingestion runtime, its operations (<see cref="InProcessIngest"/>) and the retention job: the ingest
    /// service's whole back end, also run inside the MCP server when no ingest service is configured. Bundle paths
    /// are open to any local path (BUNDLE_ROOTS empty) only while the process listens on loopback or not at all.
    /// </summary>
    public static IServiceCollection AddIngestRuntime(this IServiceCollection services, IConfiguration config)
    {
        services.AddIngestSettings(config);
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<IngestSettings>>().Value;
            var server = sp.GetService<IServer>();
            var connectionString = (sp.GetService<DatabaseTarget>() ?? DatabaseTarget.FromConfiguration(config)).ConnectionString;
            return IngestRuntime.Create(settings, connectionString, sp.GetRequiredService<NpgsqlDataSource>(),
                () => server is null || ListensOnLoopbackOnly(server), sp.GetRequiredService<ILoggerFactory>());
        });
        services.TryAddSingleton(sp => new InProcessIngest(sp.GetRequiredService<IngestRuntime>()));
        services.AddHostedService<RetentionService>();
        return services;
    }

    /// <summary>
    /// Ingestion's options: section <c>Ingest</c>, with the <c>Database</c> and <c>Bundles</c> sections and
    /// <c>Bundles:Roots</c> folded in (each key also answers to its documented variable).
    /// </summary>
    public static IServiceCollection AddIngestSettings(this IServiceCollection services, IConfiguration config)
    {
        services.AddDatabaseSettings(config);
        services.AddOptions<BundleLimits>().BindSettings(config, BundleLimits.Section);
        services.AddOptions<IngestSettings>().BindSettings(config, IngestSettings.Section)
            .Configure<IOptions<DatabaseSettings>, IOptions<BundleLimits>>((settings, database, limits) =>
            {
                settings.Database = database.Value;
                settings.Limits = limits.Value;
                settings.BundleRoots = BundlePathPolicy.ParseRoots(SettingVariables.Find(config, $"{BundleLimits.Section}:Roots").Text);
            });
        return services;
    }

    /// <summary>Ingestion's options where no host exists (the command line): the same binding and checks.</summary>
    public static IngestSettings ReadIngestSettings(IConfiguration config)
    {
        using var services = new ServiceCollection().AddIngestSettings(config).BuildServiceProvider();
        return services.GetRequiredService<IOptions<IngestSettings>>().Value;
    }

    /// <summary>Maps the API behind <see cref="InternalApiAccess"/> (throws <see cref="AccessConfigurationException"/> for an exposed bind without a key).</summary>
    public static WebApplication MapIngestApi(this WebApplication app)
    {
        app.UseInternalApiAccess("ingest");
        app.MapGet("/", () => "PerfAspire.Ingest");
        app.MapBundlesApi();
        return app;
    }

    /// <summary>True when every address the server listens on is a loopback one (BUNDLE_ROOTS may then stay empty).</summary>
    internal static bool ListensOnLoopbackOnly(IServer? server)
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is { Count: > 0 } && LoopbackHosts.AllLoopback(addresses);
    }
}
