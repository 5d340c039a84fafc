using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;

namespace PerfAspire.AppHost.Database;

/// <summary>Adds the "timescale" database resource for the selected mode.</summary>
public static class TimescaleResourceExtensions
{
    public const string DataRootKey = "Database:DataRoot";
    public const string EphemeralKey = "Database:Ephemeral";
    public const string ResetDataKey = "Database:ResetData";

    /// <summary>Secret parameter holding local mode's superuser password.</summary>
    public const string PasswordParameter = "timescale-password";

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
            .WithImage(TimescaleImage.Image, TimescaleImage.Tag)
            .WithArgs([.. LocalPostgresPlan.TimescaleWorkerArgs()])
            .WithDataVolume("perfaspire-timescale-data")
            .WithEnvironment("DATABASE_MODE", selection.Name);
        return server.AddDatabase(DatabaseTarget.ResourceName, LocalPostgresPlan.DatabaseName);
    }

    static IResourceBuilder<IResourceWithConnectionString> AddLocalDatabase(this IDistributedApplicationBuilder builder, DatabaseModeSelection selection)
    {
        // The AppHost's own settings, read once while the application model is built (there is no options container
        // for it); GetValue fails naming the key when a value does not convert.
        var config = builder.Configuration;
        var ephemeral = config.GetValue<bool>(EphemeralKey);
        var root = config[DataRootKey] is { Length: > 0 } r ? r : null;
        if (config.GetValue<bool>(ResetDataKey))
        {
            if (ephemeral) throw new DatabaseConfigurationException($"{ResetDataKey}=true wipes the kept data directory; it has no meaning with {EphemeralKey}=true.");
            var wiped = LocalPostgresSetup.Reset(root);
            Console.WriteLine(wiped is null ? "PerfAspire: no local data to wipe." : $"PerfAspire: wiped the local PostgreSQL data in {wiped}.");
        }
        var instance = LocalPostgresSetup.Prepare(new LocalPostgresOptions
        {
            Root = root,
            Ephemeral = ephemeral,
            Port = config.GetValue<int?>("Database:LocalPort"),
            Timescale = config.GetValue<bool?>("Database:Timescale"),
        });
        var plan = instance.Plan;
        Console.WriteLine(ephemeral
            ? $"PerfAspire: local PostgreSQL data in {plan.Layout.Dir} (throw-away: removed on stop)"
            : $"PerfAspire: local PostgreSQL data in {plan.Layout.Dir} (kept across runs; ./run.sh --reset-data wipes it)");

        // The password reaches the services inside the connection string, as a secret parameter.
        config[$"Parameters:{PasswordParameter}"] = instance.Password;
        var password = builder.AddParameter(PasswordParameter, secret: true);
        var resource = new LocalPostgresResource(DatabaseTarget.ResourceName, plan, password.Resource);
        // The monitor runs initdb before the server starts and explains a server that does not come up.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, (e, ct) => e.Services.GetRequiredService<LocalPostgresMonitor>().InitAsync(ct));

        var healthKey = $"{DatabaseTarget.ResourceName}_connect";
        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthKey, _ => new LocalPostgresHealthCheck(instance), failureStatus: null, tags: null));
        builder.Services.AddHostedService(sp => new LocalPostgresCleanup(instance, sp.GetRequiredService<IHostApplicationLifetime>()));
        builder.Services.AddSingleton(sp => new LocalPostgresMonitor(instance, DatabaseTarget.ResourceName)
        {
            Notifications = sp.GetRequiredService<ResourceNotificationService>(),
            Logs = sp.GetRequiredService<ResourceLoggerService>(),
            Lifetime = sp.GetRequiredService<IHostApplicationLifetime>(),
        });
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            e.Services.GetRequiredService<LocalPostgresMonitor>().Start();
            return Task.CompletedTask;
        });

        // Not proxied: ingestion streams COPY data, which should not pay for a relay. The port is picked by the
        // launcher from the free loopback ports (Database:LocalPort pins it).
        return builder.AddResource(resource)
            .WithArgs([.. plan.ServerCommand.Args])
            .WithEndpoint(port: plan.Port, targetPort: plan.Port, scheme: "tcp", name: LocalPostgresResource.EndpointName, isProxied: false)
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
}
