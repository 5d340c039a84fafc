namespace PerfAspire.Ingest;

/// <summary>
/// Where the ingest service registers its services and maps its HTTP API (owner: ingest). Program.cs only
/// calls these two methods.
/// </summary>
public static class Extensions
{
    public static TBuilder AddIngestServices<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        return builder;
    }

    public static WebApplication MapIngestApi(this WebApplication app)
    {
        app.MapGet("/", () => "PerfAspire.Ingest");
        return app;
    }
}
