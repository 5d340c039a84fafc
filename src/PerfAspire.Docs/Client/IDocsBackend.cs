namespace PerfAspire.Docs.Client;

/// <summary>
/// The docs operations, one definition for every caller: <see cref="DocsClient"/> asks the docs service over HTTP,
/// <see cref="Hosting.InProcessDocs"/> answers from an index in the caller's process. The MCP server's docs tools
/// and the Semantic Kernel plugin (<see cref="SemanticKernel.DocsPlugin"/>) are written against this interface.
/// Both implementations fail the same way: <see cref="DocsApiException"/> for a request that cannot be answered as
/// asked (bad argument, unknown id or alias, with suggestions), <see cref="DocsUnavailableException"/> when the
/// docs cannot be searched right now (service down, index still building, model failed to load).
/// </summary>
public interface IDocsBackend
{
    /// <summary>Where the docs come from, for messages: "the docs service at http://…" or "in process".</summary>
    string Location { get; }

    Task<SearchResponse> SearchAsync(string query, string? level = null, string? group = null, string? category = null,
        string? kind = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    Task<MetricSearchResponse> SearchMetricsAsync(string query, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>One doc in full; <see cref="DocsApiException"/> <c>doc_not_found</c> (with close ids) when unknown.</summary>
    Task<DocResponse> GetDocAsync(string id, CancellationToken cancellationToken = default);

    Task<ConceptListResponse> ListConceptsAsync(CancellationToken cancellationToken = default);

    /// <summary>The canonical metric of an alias; <see cref="DocsApiException"/> <c>alias_not_found</c> when unknown.</summary>
    Task<AliasResponse> ResolveAliasAsync(string name, CancellationToken cancellationToken = default);
}
