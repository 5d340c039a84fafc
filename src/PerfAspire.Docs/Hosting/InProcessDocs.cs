using PerfAspire.Docs.Client;
using PerfAspire.Docs.Search;

namespace PerfAspire.Docs.Hosting;

/// <summary>
/// The docs answered from an index in this process: the docs service's own operations (<see cref="DocsQueries"/>)
/// for callers without a docs service, such as the MCP server started with only a database. The index is built
/// on first use (the docs service builds it at start instead) and waited for up to <see cref="ReadyWait"/>; a
/// model that fails to load or an index still building answers <see cref="DocsUnavailableException"/> naming the cause.
/// </summary>
public sealed class InProcessDocs(DocsIndexHost host, DocsQueries queries) : IDocsBackend
{
    /// <summary>How long a call waits for the index being built before answering "not ready yet".</summary>
    public TimeSpan ReadyWait { get; init; } = TimeSpan.FromSeconds(90);

    public string Location => "in process";

    public Task<SearchResponse> SearchAsync(string query, string? level = null, string? group = null, string? category = null,
        string? kind = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        RunAsync(() => queries.SearchAsync(query, level, group, category, kind, limit, offset, cancellationToken), cancellationToken);

    public Task<MetricSearchResponse> SearchMetricsAsync(string query, int? limit = null, CancellationToken cancellationToken = default) =>
        RunAsync(() => queries.SearchMetricsAsync(query, limit, cancellationToken), cancellationToken);

    public Task<DocResponse> GetDocAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(() => Task.FromResult(queries.GetDoc(id)), cancellationToken);

    public Task<ConceptListResponse> ListConceptsAsync(CancellationToken cancellationToken = default) =>
        RunAsync(() => Task.FromResult(queries.ListConcepts()), cancellationToken);

    public Task<AliasResponse> ResolveAliasAsync(string name, CancellationToken cancellationToken = default) =>
        RunAsync(() => Task.FromResult(queries.ResolveAlias(name)), cancellationToken);

    async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        host.EnsureStarted();
        try
        {
            await host.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new DocsUnavailableException(host.StatusMessage, errorToken: "docs_not_ready");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new DocsUnavailableException($"The docs index could not be built in this process: {PerfAspire.Schema.FailureCause.Describe(e)}", e, "docs_failed");
        }
        try
        {
            return await call();
        }
        catch (DocsRequestException e) when (e.Status >= 500)
        {
            throw new DocsUnavailableException(e.Message, e, e.Error);
        }
        catch (DocsRequestException e)
        {
            throw new DocsApiException(e.Status, new DocsError(e.Error, e.Message, e.Suggestions));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new DocsUnavailableException($"Docs search failed in this process: {e.Message}", e, "docs_failed");
        }
    }
}
