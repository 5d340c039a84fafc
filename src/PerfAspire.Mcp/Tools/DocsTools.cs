using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.SemanticKernel;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>
/// The MCP export of the docs functions: each tool invokes its function of the "docs" plugin
/// (<see cref="DocsPlugin"/>, the one definition, over the docs service or the docs index in this process) through
/// the Kernel, and adds what the MCP contract has on top: the tool's name, arguments and description, the answer
/// envelope with its next step, and the fallbacks. When the docs cannot be searched (service down, index building,
/// model failed to load) these tools answer with the warning <c>docs_unavailable</c> and the cause (not an error),
/// and every other tool keeps working.
/// </summary>
[McpServerToolType]
public sealed class DocsTools(Kernel kernel, IDocsBackend docs, MetricCatalog catalog, ILogger<DocsTools> logger)
{
    public const string DocsUnavailable = "docs_unavailable";

    [McpServerTool(Name = "docs_search", Title = "Search the documentation", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Searches the metric, plugin and concept docs, paged. Use it to learn what X means or how to diagnose Y; next docs_get.")]
    public Task<CallToolResult> Search(
        [Description("Plain words.")] string q,
        [Description("L1 metric, L2 plugin, L4 concept.")] string? level = null,
        [Description("Record group, e.g. CPU.")] string? group = null,
        [Description("metric_category, e.g. cpu.")] string? category = null,
        [Description("Metric kind, e.g. gauge.")] string? kind = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        [Description(ListPage.OffsetHelp)] int? offset = null,
        CancellationToken ct = default)
    {
        var scope = ListPage.Scope("docs_search", q, level, group, category, kind);
        return Relay("docs_search", async () => Wire(Paged(scope, await Invoke<SearchResponse>("search_docs", ct, ("query", q ?? ""), ("level", level), ("group", group), ("category", category), ("kind", kind), ("limit", limit),
            ("offset", ListPage.Start(scope, cursor, offset, 10_000_000))))),
            "docs_get {\"id\": ...} returns a whole doc; docs_search_metrics ranks metrics for a question.");
    }

    [McpServerTool(Name = "docs_get", Title = "Get a doc", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns one doc in full: field:GROUP:metric, plugin:GROUP or concept:slug (schema_describe_metric gives the id). Next: query_run.")]
    public Task<CallToolResult> Get(
        [Description("Doc id, e.g. plugin:FPPRXY.")] string id,
        CancellationToken ct = default) =>
        Relay("docs_get", async () => ClipBody(Wire(await Invoke<DocResponse>("get_doc", ct, ("id", id ?? "")))),
            "schema_describe_metric and query_run work with the metric named in the doc.");

    [McpServerTool(Name = "docs_search_metrics", Title = "Find metrics for a question", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Ranks the metrics that answer a plain-words question, with a decision (auto, ambiguous, no_match). Use it when the name is unknown; next query_run.")]
    public Task<CallToolResult> SearchMetrics(
        [Description("The question, plain words.")] string q,
        [Description("Candidates (default 5).")] int? limit = null,
        CancellationToken ct = default) =>
        Relay("docs_search_metrics", async () => Wire(await Invoke<MetricSearchResponse>("search_metrics", ct, ("query", q ?? ""), ("limit", limit))),
            "query_run {\"metric_name\": <metric>} queries it; schema_describe_metric shows its labels.");

    [McpServerTool(Name = "docs_list_concepts", Title = "List concept docs", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists concept docs (fast path, correlations, histograms, querying, ...) with summaries, paged. Use it to get oriented; next docs_get.")]
    public Task<CallToolResult> ListConcepts(
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        Relay("docs_list_concepts", async () =>
        {
            var all = (await Invoke<ConceptListResponse>("list_concepts", ct)).Concepts;
            var page = ListPage.Of(ListPage.Scope("docs_list_concepts"), all, cursor, limit, 50, 200);
            return Wire(new
            {
                concepts = page.Items,
                count = page.Items.Count,
                total = page.Total,
                truncated = page.Truncated,
                next_cursor = page.NextCursor,
            });
        }, "docs_get {\"id\": \"concept:<slug>\"} returns one in full; with truncated, call again with cursor next_cursor.");

    [McpServerTool(Name = "docs_resolve_alias", Title = "Resolve a metric alias", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Resolves a legacy or alternative metric name to its canonical metric, doc id and aliases. Use it when an old name does not match; next query_run.")]
    public Task<CallToolResult> ResolveAlias(
        [Description("Alias or metric name.")] string name,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "docs_resolve_alias", async () =>
        {
            try
            {
                return new { result = Wire(await Invoke<AliasResponse>("resolve_alias", ct, ("name", name ?? ""))), next = "query_run {\"metric_name\": <canonical>} queries it." };
            }
            catch (DocsUnavailableException e)
            {
                logger.LogInformation("docs_resolve_alias: docs unavailable ({Message})", e.Message);
                // The catalog knows every alias too: answer from it and say the docs were not consulted.
                var (m, alias) = (await catalog.GetAsync(ct)).Resolve(name);
                return new
                {
                    result = new { name = (alias ?? m.Name), canonical = m.Name, is_alias = alias is not null, doc_id = m.DocId, group = m.RecordGroup, table = m.Table, aliases = m.Aliases },
                    warnings = new[] { DocsUnavailable },
                    message = $"Resolved from the metric catalog; the docs cannot be searched right now ({docs.Location}): {e.Message}",
                    next = "query_run {\"metric_name\": <canonical>} queries it.",
                };
            }
        });

    /// <summary>Invokes a function of the docs plugin; arguments left null take the function's defaults.</summary>
    async Task<T> Invoke<T>(string function, CancellationToken ct, params (string Name, object? Value)[] arguments)
    {
        var args = new KernelArguments();
        foreach (var (name, value) in arguments)
        {
            if (value is not null) args[name] = value;
        }
        var result = await kernel.InvokeAsync(DocsPlugin.PluginName, function, args, ct);
        return result.GetValue<T>() ?? throw new InvalidOperationException($"docs function {function} returned nothing");
    }

    /// <summary>A search page in the shape of every list tool (count, total, truncated, next_cursor).</summary>
    static object Paged(string scope, SearchResponse r) => new
    {
        query = r.Query,
        results = r.Results,
        count = r.Results.Count,
        total = r.Total,
        truncated = r.Truncated,
        next_cursor = ListPage.Next(scope, r.Offset, r.Results.Count, r.Truncated),
        warnings = r.Warnings,
    };

    /// <summary>The docs contract's own wire shape (explicit property names, nulls kept), the same over HTTP and in process.</summary>
    static JsonElement Wire<T>(T value) => JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);

    Task<CallToolResult> Relay(string tool, Func<Task<JsonElement>> call, string next) =>
        ToolResponse.RunAsync(logger, tool, async () =>
        {
            try
            {
                return new { result = await call(), next };
            }
            catch (DocsUnavailableException e)
            {
                logger.LogInformation("{Tool}: docs unavailable ({Message})", tool, e.Message);
                return new
                {
                    warnings = new[] { DocsUnavailable },
                    message = $"Documentation search is unavailable right now ({docs.Location}): {e.Message} Every other tool works.",
                    next = "Use schema_list_metrics and schema_describe_metric (the catalog carries each metric's description), then retry docs later.",
                };
            }
        });

    static JsonElement ClipBody(JsonElement doc)
    {
        if (doc.ValueKind != JsonValueKind.Object || !doc.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String) return doc;
        var text = body.GetString()!;
        const int max = ToolResponse.BudgetChars - 4_000;
        if (text.Length <= max) return doc;
        var node = JsonNode.Parse(doc.GetRawText())!.AsObject();
        node["body"] = text[..max];
        node["truncated"] = true;
        node["hint"] = "The doc was cut to fit the response budget; docs_search with a narrower question finds the relevant part.";
        return JsonSerializer.SerializeToElement(node);
    }
}
