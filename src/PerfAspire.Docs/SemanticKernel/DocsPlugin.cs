using System.ComponentModel;
using Microsoft.SemanticKernel;
using PerfAspire.Docs.Client;

namespace PerfAspire.Docs.SemanticKernel;

/// <summary>
/// The docs functions, defined once as a Semantic Kernel plugin over <see cref="IDocsBackend"/> (answered in
/// process or by the docs service): SK-based callers invoke them through the Kernel, and the MCP server's docs
/// tools are exported from them (each tool invokes its function through the Kernel and adds the MCP answer's
/// envelope). Registered by <see cref="DocsServices.AddDocsFunctions"/>.
/// </summary>
public sealed class DocsPlugin(IDocsBackend docs)
{
    public const string PluginName = "docs";

    [KernelFunction("search_docs")]
    [Description("Searches the PerfAspire documentation (metric docs, ptop plugin docs, concept docs) with keyword + semantic ranking.")]
    public Task<SearchResponse> SearchDocsAsync(
        [Description("The question or words to search for.")] string query,
        [Description("Optional level: L1 (metric docs), L2 (plugin docs) or L4 (concept docs).")] string? level = null,
        [Description("Optional ptop record group, e.g. DISK or FPPRXY.")] string? group = null,
        [Description("Optional metric_category, e.g. cpu, disk, fastpath.")] string? category = null,
        [Description("Optional metric kind, e.g. gauge, counter.")] string? kind = null,
        [Description("Maximum number of results (1-100, default 10).")] int? limit = null,
        [Description("Results to skip (the next page starts at next_offset of the previous answer).")] int? offset = null,
        CancellationToken cancellationToken = default) =>
        docs.SearchAsync(query, level, group, category, kind, limit, offset, cancellationToken);

    [KernelFunction("search_metrics")]
    [Description("Finds the metric that answers a question. decision 'auto' means use 'metric'; 'ambiguous' means choose among the candidates; 'no_match' means none fits.")]
    public Task<MetricSearchResponse> SearchMetricsAsync(
        [Description("A question such as 'is the disk saturated' or a metric name.")] string query,
        [Description("Maximum number of candidates (1-50, default 5).")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        docs.SearchMetricsAsync(query, limit, cancellationToken);

    [KernelFunction("get_doc")]
    [Description("Returns one doc in full (markdown body) by id: field:<GROUP>:<metric>, plugin:<GROUP> or concept:<slug>.")]
    public Task<DocResponse> GetDocAsync([Description("The doc id.")] string id, CancellationToken cancellationToken = default) =>
        docs.GetDocAsync(id, cancellationToken);

    [KernelFunction("list_concepts")]
    [Description("Lists the concept docs: architecture, troubleshooting correlations, labels, histograms, querying, bundle lifecycle.")]
    public Task<ConceptListResponse> ListConceptsAsync(CancellationToken cancellationToken = default) => docs.ListConceptsAsync(cancellationToken);

    [KernelFunction("resolve_alias")]
    [Description("Resolves a legacy metric alias (e.g. cpu_utilization_percent) to its canonical metric name.")]
    public Task<AliasResponse> ResolveAliasAsync([Description("The alias or metric name.")] string name, CancellationToken cancellationToken = default) =>
        docs.ResolveAliasAsync(name, cancellationToken);
}
