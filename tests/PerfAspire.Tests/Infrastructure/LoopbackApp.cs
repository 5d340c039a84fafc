using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfAspire.Docs;
using PerfAspire.Docs.Hosting;
using PerfAspire.Tests.Docs;

namespace PerfAspire.Tests.Infrastructure;

/// <summary>
/// A web application composed by the test, started on a free loopback port (no log output), with an HTTP client at
/// its address. Disposing stops it.
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    LoopbackApp(WebApplication app, HttpClient http)
    {
        App = app;
        Http = http;
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="compose">Configuration and services (before the app is built).</param>
    /// <param name="map">Middleware and endpoints (before it starts).</param>
    /// <param name="environment">The host environment (default: the framework's, Production).</param>
    public static async Task<LoopbackApp> StartAsync(Action<WebApplicationBuilder> compose, Action<WebApplication> map, string? environment = null)
    {
        var builder = environment is null ? WebApplication.CreateBuilder() : WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        compose(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApp(app, new HttpClient { BaseAddress = new Uri(address + "/") });
    }

    /// <summary>
    /// The docs service as its Program.cs composes it, on the shared model and the shared index's vector cache, started
    /// once its index is ready; <paramref name="settings"/> are added to its configuration.
    /// </summary>
    public static async Task<LoopbackApp> StartDocsServiceAsync(IDictionary<string, string?>? settings = null, string? environment = null)
    {
        // The shared index run first fills the file cache, so the service starts from cached vectors.
        await SharedDocsIndex.IndexAsync();
        var docs = await StartAsync(builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Docs:EmbeddingCacheFile"] = SharedDocsIndex.CacheFile });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            builder.AddDocsServices();
            // One model per test run: the service uses the shared instance instead of loading its own.
            builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(SharedDocsIndex.Generator);
        }, app => app.MapDocsApi(), environment);
        await docs.Services.GetRequiredService<DocsIndexHost>().WhenReady;
        return docs;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
