using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using PerfAspire.Ingest.Apis;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
using PerfAspire.ServiceDefaults.Database;
using PerfAspire.ServiceDefaults.Security;

namespace PerfAspire.Ingest;

/// <summary>
/// Where the ingest service registers its services and maps its HTTP API (owner: ingest). Program.cs only
/// calls these two methods.
/// </summary>
public static class Extensions
{
    public static TBuilder AddIngestServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var config = builder.Configuration;
        var settings = IngestSettings.FromEnvironment(name => config[name]);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(sp =>
        {
            var server = sp.GetService<IServer>();
            return IngestRuntime.Create(settings, sp.GetRequiredService<DatabaseTarget>().ConnectionString, sp.GetRequiredService<NpgsqlDataSource>(),
                () => ListensOnLoopbackOnly(server), sp.GetRequiredService<ILoggerFactory>());
        });
        builder.Services.AddHostedService<RetentionService>();
        return builder;
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
