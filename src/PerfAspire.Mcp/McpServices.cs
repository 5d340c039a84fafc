using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfAspire.Docs;
using PerfAspire.Docs.Client;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Ingest;
using PerfAspire.Mcp.Insights;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Security;
using PerfAspire.ServiceDefaults.Settings;

namespace PerfAspire.Mcp;

/// <summary>Registers the MCP server's services (catalog, bundle scope, query layer, ingest/docs back ends) — not the transport.</summary>
public static class McpServices
{
    public static IHostApplicationBuilder AddPerfAspireMcpServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDatabaseSettings(builder.Configuration);
        services.AddOptions<QueryOptions>()
            .BindSettings(builder.Configuration, QueryOptions.Section)
            .PostConfigure<IOptions<DatabaseSettings>>((o, database) =>
            {
                o.Schema = database.Value.Schema;
                o.ReaderRole ??= SchemaRoles.ReaderFor(database.Value.Schema);
            })
            .Check(o => o.DefaultMaxRows <= o.HardMaxRows ? null : "Mcp:Query:DefaultMaxRows must not exceed Mcp:Query:HardMaxRows.");

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
        services.TryAddSingleton<TableStorage>();
        services.AddOptions<Charts.ChartOptions>().BindSettings(builder.Configuration, Charts.ChartOptions.Section);
        services.TryAddSingleton<Charts.ChartRenderGate>();
        services.TryAddSingleton<SchemaStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SchemaStartup>());

        services.TryAddSingleton<SessionBundles>();
        services.AddOptions<IngestOptions>().BindSettings(builder.Configuration, IngestOptions.Section);
        AddIngestBackend(builder);
        AddDocsBackend(builder);
        return builder;
    }

    /// <summary>
    /// Loads go to the ingest service when one is configured (<c>Mcp:IngestUrl</c>, or <c>services:ingest</c> from
    /// Aspire's service discovery); otherwise the ingestion runtime runs in this process, same code and same job
    /// progress, so the server started with only a database can load bundles.
    /// </summary>
    static void AddIngestBackend(IHostApplicationBuilder builder)
    {
        var url = ServiceUrl(builder.Configuration, "ingest", "Mcp:IngestUrl");
        if (url is null)
        {
            builder.Services.AddIngestRuntime(builder.Configuration);
            builder.Services.TryAddSingleton<IIngestBackend>(sp => sp.GetRequiredService<InProcessIngest>());
            return;
        }
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to replace the
        // service-defaults pipeline for one client, which both clients need (different timeouts/retries).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<IIngestBackend, IngestClient>(c =>
            {
                c.BaseAddress = url;
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
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// Docs come from the docs service when one is configured (<c>Mcp:DocsUrl</c> or <c>services:docs</c>);
    /// otherwise from the docs index in this process, built on the first docs call.
    /// </summary>
    static void AddDocsBackend(IHostApplicationBuilder builder)
    {
        // The docs tools are exported from the docs functions (DocsPlugin), whichever back end answers them.
        builder.Services.AddDocsFunctions();
        var url = ServiceUrl(builder.Configuration, "docs", "Mcp:DocsUrl");
        if (url is null)
        {
            builder.Services.AddDocsIndex(builder.Configuration);
            return;
        }
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<IDocsBackend, DocsClient>(c =>
            {
                c.BaseAddress = url;
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
    }

    /// <summary>
    /// The base address of a sibling service: the explicit setting, else <c>http://name</c> when service discovery
    /// knows the name (<c>services:name:*</c>, set by the AppHost's references), else null (run it in process).
    /// </summary>
    internal static Uri? ServiceUrl(IConfiguration config, string name, string setting)
    {
        if (config[setting] is { Length: > 0 } url)
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? uri
                : throw new Security.McpConfigurationException($"{setting} is not an absolute URL: '{url}'. Use e.g. http://127.0.0.1:5200, or leave it unset to run {name} in process.");
        }
        return config.GetSection($"services:{name}").GetChildren().Any() ? new Uri($"http://{name}") : null;
    }
}
