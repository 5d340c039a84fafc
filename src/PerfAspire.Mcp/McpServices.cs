using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Npgsql;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Docs;
using PerfAspire.Mcp.Ingest;
using PerfAspire.Mcp.Insights;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Security;

namespace PerfAspire.Mcp;

/// <summary>Registers the MCP server's services (catalog, bundle scope, query layer, ingest/docs clients) — not the transport.</summary>
public static class McpServices
{
    public static IHostApplicationBuilder AddPerfAspireMcpServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = DatabaseSettings.FromEnvironment(k => Environment.GetEnvironmentVariable(k) ?? builder.Configuration[k]);
        services.AddOptions<QueryOptions>()
            .Bind(builder.Configuration.GetSection(QueryOptions.Section))
            .PostConfigure(o =>
            {
                o.Schema = settings.Schema;
                o.ReaderRole ??= SchemaRoles.ReaderFor(settings.Schema);
            })
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultMaxRows <= o.HardMaxRows, "Mcp:Query:DefaultMaxRows must not exceed Mcp:Query:HardMaxRows.")
            .ValidateOnStart();

        // The shared data source comes from the service defaults (Aspire.Npgsql). Queries may run as their own
        // read-only login (ConnectionStrings:timescale-reader): a second, keyed Aspire data source with its own health check.
        if (builder.Configuration.GetConnectionString(QueryDataSource.ReaderConnectionName) is { Length: > 0 } reader)
        {
            builder.AddKeyedNpgsqlDataSource(QueryDataSource.ReaderConnectionName,
                o => o.ConnectionString = ConnectionStrings.Normalize(reader),
                dataSource => dataSource.Name = QueryDataSource.ReaderConnectionName);
            services.TryAddSingleton(sp => new QueryDataSource(sp.GetRequiredKeyedService<NpgsqlDataSource>(QueryDataSource.ReaderConnectionName)));
        }
        else
        {
            services.TryAddSingleton(sp => new QueryDataSource(sp.GetRequiredService<NpgsqlDataSource>()));
        }

        services.TryAddSingleton<QueryMetrics>();
        services.TryAddSingleton<ReadOnlySessionFactory>();
        services.TryAddSingleton<MetricCatalog>();
        services.TryAddSingleton<BundleScope>();
        services.TryAddSingleton<QueryPlanner>();
        services.TryAddSingleton<QueryRunner>();
        services.TryAddSingleton<QueryService>();
        services.TryAddSingleton<ReaderLogin>();
        services.TryAddSingleton<ClientSqlRunner>();
        services.TryAddSingleton<SeriesRollup>();
        services.TryAddSingleton<SeriesQueryService>();
        services.TryAddSingleton<TopSeries>(); // top_n and graph_topk rank the same way
        services.TryAddSingleton<LabelValuesService>();
        services.TryAddSingleton<SystemStatus>();
        services.AddOptions<Charts.ChartOptions>().Bind(builder.Configuration.GetSection(Charts.ChartOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Charts.ChartRenderGate>();
        services.AddHostedService<SchemaStartup>();

        services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IngestApi>();
        services.TryAddSingleton<DocsApi>();
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to replace the
        // service-defaults pipeline for one client, which both clients below need (different timeouts/retries).
#pragma warning disable EXTEXP0001
        services.AddHttpClient(IngestApi.ClientName, c =>
            {
                c.BaseAddress = new Uri(builder.Configuration["Mcp:IngestUrl"] is { Length: > 0 } u ? u : "http://ingest");
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline below owns the timeouts
            })
            .AddInternalApiKey(builder.Configuration)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                // Unloading a large bundle deletes millions of rows: minutes, not the default 10 s per attempt.
                // A load must never be sent twice by a retry, so unsafe methods are not retried.
                o.Retry.DisableForUnsafeHttpMethods();
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(15);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(20);
            });
        services.AddHttpClient(DocsApi.ClientName, c =>
            {
                c.BaseAddress = new Uri(builder.Configuration["Mcp:DocsUrl"] is { Length: > 0 } u ? u : "http://docs");
                c.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddInternalApiKey(builder.Configuration)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                // Docs are optional: answer docs_unavailable within seconds instead of retrying for half a minute.
                o.Retry.MaxRetryAttempts = 1;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(12);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            });
#pragma warning restore EXTEXP0001
        return builder;
    }
}
