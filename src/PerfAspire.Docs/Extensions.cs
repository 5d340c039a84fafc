namespace PerfAspire.Docs;

/// <summary>
/// Where the docs service registers its services and maps its HTTP API (owner: docs). Program.cs only calls
/// these two methods.
/// </summary>
public static class Extensions
{
    public static TBuilder AddDocsServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static WebApplication MapDocsApi(this WebApplication app)
    {
        app.MapGet("/", () => "PerfAspire.Docs");
        return app;
    }
}
