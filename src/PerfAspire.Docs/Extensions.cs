using PerfAspire.Schema;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PerfAspire.Docs.Apis;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Docs.Hosting;
using PerfAspire.Docs.Search;
using PerfAspire.Docs.SemanticKernel;
using PerfAspire.ServiceDefaults.Security;

namespace PerfAspire.Docs;

/// <summary>
/// Where the docs service registers its services and maps its HTTP API (owner: docs). Program.cs only calls
/// these two methods.
/// </summary>
public static class Extensions
{
    public static TBuilder AddDocsServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        // The database settings are read when the index is built; reading them now makes a bad value stop the start.
        _ = DatabaseSettings.FromEnvironment(k => Environment.GetEnvironmentVariable(k) ?? builder.Configuration[k]);
        services.AddOptions<SearchSettings>()
            .Bind(builder.Configuration.GetSection(SearchSettings.Section))
            .Validate(s => { s.Validate(); return true; })
            .ValidateOnStart();

        // One model instance for the whole process: loading it costs about a second and 90 MB.
        services.AddEmbeddingGenerator(_ => new MiniLmEmbeddingGenerator());
        services.AddSingleton<EmbeddingStoreFactory>();
        services.AddSingleton<DocsIndexHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DocsIndexHost>());
        services.AddSingleton<DocsQueries>();
        services.AddHealthChecks().AddCheck<DocsIndexHealthCheck>("docs-index", tags: ["ready"]);

        // Semantic Kernel callers in this process get the search as a plugin ("docs").
        services.AddSingleton<DocsPlugin>();
        services.AddKernel().Plugins.AddFromType<DocsPlugin>(DocsPlugin.PluginName);
        return builder;
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
