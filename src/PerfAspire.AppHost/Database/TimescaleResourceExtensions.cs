using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.AppHost.Database;

/// <summary>Adds the "timescale" database resource for the selected mode.</summary>
public static class TimescaleResourceExtensions
{
    public const string ContainerImage = "timescale/timescaledb";
    public const string ContainerTag = "latest-pg17";

    public static IResourceBuilder<IResourceWithConnectionString> AddTimescale(this IDistributedApplicationBuilder builder, DatabaseModeSelection selection) =>
        selection.Mode switch
        {
            DatabaseMode.Container => builder.AddContainerDatabase(selection),
            DatabaseMode.Local => builder.AddLocalDatabase(selection),
            DatabaseMode.External => builder.AddExternalDatabase(),
            _ => throw new DatabaseConfigurationException($"database mode {selection.Name} must be resolved before the model is built"),
        };

    static IResourceBuilder<IResourceWithConnectionString> AddContainerDatabase(this IDistributedApplicationBuilder builder, DatabaseModeSelection selection)
    {
        var server = builder.AddPostgres("postgres")
            .WithImageRegistry("docker.io")
            .WithImage(ContainerImage, ContainerTag)
            .WithDataVolume("perfaspire-timescale-data")
            .WithEnvironment("DATABASE_MODE", selection.Name);
        return server.AddDatabase(DatabaseTarget.ResourceName, LocalPostgresPlan.DatabaseName);
    }

    static IResourceBuilder<IResourceWithConnectionString> AddLocalDatabase(this IDistributedApplicationBuilder builder, DatabaseModeSelection selection)
    {
        var dataRoot = builder.Configuration["Database:DataRoot"] is { Length: > 0 } root ? root : Path.Combine(Path.GetTempPath(), "perfaspire-apphost");
        var port = builder.Configuration.GetValue<int?>("Database:LocalPort") is int p and > 0 ? p : FreeLoopbackPort();
        var plan = LocalPostgresPlan.Create(dataRoot, port);
        if (plan.RunAsPostgresUser && !LocalPostgresSetup.CanDropToPostgresUser())
        {
            throw new DatabaseConfigurationException(
                "local database mode runs PostgreSQL as the 'postgres' user when started as root, but that user does not exist. Install the server package (apt-get install -y postgresql) or run as a normal user.");
        }
        LocalPostgresSetup.RemoveStale(dataRoot);
        LocalPostgresSetup.ClaimOwnership(plan);

        var resource = new LocalPostgresResource(DatabaseTarget.ResourceName, plan);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (_, ct) => LocalPostgresSetup.InitAsync(plan, ct));

        var healthKey = $"{DatabaseTarget.ResourceName}_connect";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthKey, _ => new LocalPostgresHealthCheck(plan), failureStatus: null, tags: null));
        builder.Services.AddHostedService(sp => new LocalPostgresCleanup(plan, sp.GetRequiredService<IHostApplicationLifetime>()));

        // Not proxied: ingestion streams COPY data, which should not pay for a relay. The port is picked here,
        // by the AppHost, from the free loopback ports (Database:LocalPort pins it).
        return builder.AddResource(resource)
            .WithArgs([.. plan.ServerCommand.Args])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
            .WithEnvironment("DATABASE_MODE", selection.Name)
            .WithIconName("Database")
            .WithHealthCheck(healthKey);
    }

    static IResourceBuilder<IResourceWithConnectionString> AddExternalDatabase(this IDistributedApplicationBuilder builder)
    {
        var cs = ExternalDatabase.Resolve(builder.Configuration.GetConnectionString(DatabaseTarget.ResourceName), builder.Configuration["TIMESCALE_DSN"]);
        ExternalDatabase.EnsureReachableAsync(cs, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        builder.Configuration[$"ConnectionStrings:{DatabaseTarget.ResourceName}"] = cs;
        return builder.AddConnectionString(DatabaseTarget.ResourceName);
    }

    static int FreeLoopbackPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
