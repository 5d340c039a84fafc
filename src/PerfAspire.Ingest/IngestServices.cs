using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Ingest.Apis;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
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
        services.AddSettings(config, IngestSettings.Read);
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
