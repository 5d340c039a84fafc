using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema;
using PerfAspire.ServiceDefaults.Database;

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
            .PostConfigure(o => o.Schema = settings.Schema);

        // The host (foundation) normally registers the shared NpgsqlDataSource; this fallback keeps the services
        // usable on their own (tests, the benchmark) with the same configuration names.
        services.TryAddSingleton(sp => NpgsqlDataSource.Create(ConnectionString(builder.Configuration, "timescale")
            ?? throw new InvalidOperationException("No database configured: set ConnectionStrings:timescale or TIMESCALE_DSN.")));
        services.TryAddSingleton(sp =>
        {
            var reader = builder.Configuration.GetConnectionString("timescale-reader");
            return reader is { Length: > 0 }
                ? new QueryDataSource(NpgsqlDataSource.Create(ConnectionStrings.Normalize(reader)))
                : new QueryDataSource(sp.GetRequiredService<NpgsqlDataSource>());
        });

        services.TryAddSingleton<QueryMetrics>();
        services.TryAddSingleton<ReadOnlySessionFactory>();
        services.TryAddSingleton<MetricCatalog>();
        services.TryAddSingleton<BundleScope>();
        services.TryAddSingleton<QueryPlanner>();
        services.TryAddSingleton<QueryRunner>();
        services.TryAddSingleton<QueryService>();
        services.TryAddSingleton<SeriesQueryService>();
        services.TryAddSingleton<LabelValuesService>();
        return builder;
    }

    static string? ConnectionString(IConfiguration config, string name)
    {
        var cs = config.GetConnectionString(name) ?? Environment.GetEnvironmentVariable("TIMESCALE_DSN") ?? config["TIMESCALE_DSN"];
        return string.IsNullOrWhiteSpace(cs) ? null : ConnectionStrings.Normalize(cs);
    }
}
