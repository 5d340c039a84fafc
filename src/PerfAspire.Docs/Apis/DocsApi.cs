using Microsoft.AspNetCore.Http.HttpResults;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.Search;

namespace PerfAspire.Docs.Apis;

/// <summary>
/// The docs HTTP API consumed by the MCP server (base address <c>http://docs</c>). Shapes are the records
/// of <see cref="Client"/>; errors are <see cref="DocsError"/> with 400 / 404 / 503.
/// </summary>
public static class DocsApi
{
    public static IEndpointRouteBuilder MapDocsApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Docs");

        api.MapGet("/search", SearchAsync).WithName("SearchDocs")
            .WithSummary("Hybrid (keyword + semantic) search over metric, plugin and concept docs, with filters and paging.");
        api.MapGet("/docs/{id}", GetDoc).WithName("GetDoc")
            .WithSummary("One doc by id: field:<GROUP>:<metric>, plugin:<GROUP> or concept:<slug>.");
        api.MapGet("/metrics/search", SearchMetricsAsync).WithName("SearchMetrics")
            .WithSummary("Ranked metric candidates for a question, with an auto / ambiguous / no_match decision.");
        api.MapGet("/concepts", ListConcepts).WithName("ListConcepts")
            .WithSummary("The concept docs (id, title, summary).");
        api.MapGet("/aliases/{name}", ResolveAlias).WithName("ResolveAlias")
            .WithSummary("A legacy alias or metric name resolved to its canonical metric.");
        return app;
    }

    public static Task<Results<Ok<SearchResponse>, JsonHttpResult<DocsError>>> SearchAsync(
        DocsQueries docs, string? q, string? level, string? group, string? category, string? kind, int? limit, int? offset, CancellationToken cancellationToken) =>
        Run(() => docs.SearchAsync(q, level, group, category, kind, limit, offset, cancellationToken));

    public static Task<Results<Ok<MetricSearchResponse>, JsonHttpResult<DocsError>>> SearchMetricsAsync(
        DocsQueries docs, string? q, int? limit, CancellationToken cancellationToken) =>
        Run(() => docs.SearchMetricsAsync(q, limit, cancellationToken));

    public static Task<Results<Ok<DocResponse>, JsonHttpResult<DocsError>>> GetDoc(DocsQueries docs, string id) =>
        Run(() => Task.FromResult(docs.GetDoc(id)));

    public static Task<Results<Ok<ConceptListResponse>, JsonHttpResult<DocsError>>> ListConcepts(DocsQueries docs) =>
        Run(() => Task.FromResult(docs.ListConcepts()));

    public static Task<Results<Ok<AliasResponse>, JsonHttpResult<DocsError>>> ResolveAlias(DocsQueries docs, string name) =>
        Run(() => Task.FromResult(docs.ResolveAlias(name)));

    static async Task<Results<Ok<T>, JsonHttpResult<DocsError>>> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return TypedResults.Ok(await action());
        }
        catch (DocsRequestException e)
        {
            return TypedResults.Json(new DocsError(e.Error, e.Message, e.Suggestions), statusCode: e.Status);
        }
    }
}
