using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfAspire.ServiceDefaults.Database;
using PerfAspire.ServiceDefaults.Settings;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every PerfAspire service shares (Aspire service-defaults style): OpenTelemetry, service discovery,
/// HttpClient resilience, health checks and the one <see cref="NpgsqlDataSource"/> for the "timescale" database.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    /// <summary>Meters and activity sources of our own code are named "PerfAspire.&lt;Area&gt;".</summary>
    public const string TelemetryPrefix = "PerfAspire.*";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddTimescaleDataSource();
        builder.Services.AddDatabaseSettings(builder.Configuration);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, TelemetryPrefix, "Experimental.ModelContextProtocol")
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes every few seconds would drown the real traces on the dashboard.
                    o.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        // Only export when someone listens: an OTLP exporter aimed at nothing retries on shutdown and adds
        // about ten seconds to every stop (tests, CLI runs).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Registers the shared <see cref="NpgsqlDataSource"/> through Aspire.Npgsql (the data source with logging, its
    /// connection health check, Npgsql tracing and metrics), plus <see cref="DatabaseTarget"/>, <see cref="DatabaseProbe"/>
    /// and the readiness check that reports what the server offers of TimescaleDB. The connection string is the one
    /// <see cref="DatabaseTarget"/> resolved, so <c>TIMESCALE_DSN</c> (URL or keyword form) and the default work as
    /// <c>ConnectionStrings:timescale</c> does.
    /// </summary>
    public static TBuilder AddTimescaleDataSource<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var target = DatabaseTarget.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(target);
        builder.AddNpgsqlDataSource(DatabaseTarget.ResourceName,
            settings => settings.ConnectionString = target.ConnectionString,
            dataSource => dataSource.Name = DatabaseTarget.ResourceName);
        builder.Services.AddSingleton<DatabaseProbe>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseTarget.ResourceName, tags: ["ready", "db"]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: every check (including the database connection) must pass; <c>/alive</c>: only the
    /// process itself. Mapped in every environment: services bind to loopback unless configured otherwise,
    /// and the answers carry no secrets.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
