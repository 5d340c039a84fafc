using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;
using PerfAspire.Docs.Apis;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Docs.Hosting;
using PerfAspire.Docs.Search;
using PerfAspire.Docs.SemanticKernel;
using PerfAspire.ServiceDefaults.Security;
using PerfAspire.ServiceDefaults.Settings;

namespace PerfAspire.Docs;

/// <summary>
/// Where the docs service registers its services and maps its HTTP API (owner: docs). Program.cs only calls
/// these two methods.
/// </summary>
public static class DocsServices
{
    public static TBuilder AddDocsServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddDocsIndex(builder.Configuration);
        // The service builds its index as it starts (HTTP answers docs_not_ready meanwhile).
        services.AddHostedService(sp => sp.GetRequiredService<DocsIndexHost>());
        services.AddHealthChecks().AddCheck<DocsIndexHealthCheck>("docs-index", tags: ["ready"]);

        services.AddDocsFunctions();
        return builder;
    }

    /// <summary>
    /// The docs functions (<see cref="DocsPlugin"/>, plugin "docs") in the process's Kernel, over whichever
    /// <see cref="IDocsBackend"/> is registered: Semantic Kernel callers and the MCP server's docs tools invoke them.
    /// </summary>
    public static IServiceCollection AddDocsFunctions(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DocsPlugin))) return services;
        services.AddSingleton<DocsPlugin>();
        services.AddKernel().Plugins.AddFromType<DocsPlugin>(DocsPlugin.PluginName);
        return services;
    }

    /// <summary>
    /// The docs index and its operations in this process, as <see cref="IDocsBackend"/> (<see cref="InProcessDocs"/>):
    /// used by the docs service and by the MCP server when no docs service is configured. Nothing is built until
    /// the index is started (by the service's host, or by the first call).
    /// </summary>
    public static IServiceCollection AddDocsIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchSettings>()
            .BindSettings(configuration, SearchSettings.Section)
            .Check(s => s.Problem());

        // One model instance for the whole process: loading it costs about a second and 90 MB (on first use).
        if (!services.Any(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>)))
        {
            services.AddEmbeddingGenerator(_ => new MiniLmEmbeddingGenerator());
        }
        services.AddOptions<EmbeddingCacheSettings>().BindSettings(configuration, EmbeddingCacheSettings.Section);
        services.TryAddSingleton<EmbeddingStoreFactory>();
        services.TryAddSingleton<DocsIndexHost>();
        services.TryAddSingleton<DocsQueries>();
        services.TryAddSingleton<InProcessDocs>();
        services.TryAddSingleton<IDocsBackend>(sp => sp.GetRequiredService<InProcessDocs>());
        return services;
    }

    /// <summary>Maps the API behind <see cref="InternalApiAccess"/> (throws <see cref="AccessConfigurationException"/> for an exposed bind without a key).</summary>
    public static WebApplication MapDocsApi(this WebApplication app)
    {
        app.UseInternalApiAccess("docs");
        app.MapGet("/", () => "PerfAspire.Docs: GET /api/search, /api/docs/{id}, /api/metrics/search, /api/concepts, /api/aliases/{name}");
        app.MapDocsApiEndpoints();
        return app;
    }
}
