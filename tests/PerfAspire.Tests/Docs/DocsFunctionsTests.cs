using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using PerfAspire.Docs;
using PerfAspire.Docs.Client;
using PerfAspire.Mcp.Tools;

namespace PerfAspire.Tests.Docs;

/// <summary>The MCP docs tools are exported from the one definition of the docs functions, the "docs" plugin.</summary>
public sealed class DocsFunctionsTests
{
    sealed class ConceptsOnly : IDocsBackend
    {
        public string Location => "a test back end";
        public Task<ConceptListResponse> ListConceptsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new ConceptListResponse([new ConceptSummary("concept:x", "x", "X", "one concept")]));
        public Task<SearchResponse> SearchAsync(string query, string? level = null, string? group = null, string? category = null,
            string? kind = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<MetricSearchResponse> SearchMetricsAsync(string query, int? limit = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<DocResponse> GetDocAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<AliasResponse> ResolveAliasAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    sealed class Recorder : IFunctionInvocationFilter
    {
        public List<string> Calls { get; } = [];

        public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
        {
            Calls.Add($"{context.Function.PluginName}.{context.Function.Name}");
            await next(context);
        }
    }

    [Fact]
    public async Task A_docs_tool_invokes_its_function_of_the_docs_plugin_through_the_kernel()
    {
        var recorder = new Recorder();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDocsBackend, ConceptsOnly>();
        services.AddSingleton<IFunctionInvocationFilter>(recorder);
        services.AddDocsFunctions();
        services.AddDocsFunctions(); // registering twice (docs service and MCP server in one process) keeps one plugin
        await using var sp = services.BuildServiceProvider();

        var tools = new DocsTools(sp.GetRequiredService<Kernel>(), sp.GetRequiredService<IDocsBackend>(), null!, NullLogger<DocsTools>.Instance);
        var answer = await tools.ListConcepts();

        Assert.Equal(["docs.list_concepts"], recorder.Calls);
        Assert.Contains("one concept", string.Join("", answer.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text)));
    }
}
