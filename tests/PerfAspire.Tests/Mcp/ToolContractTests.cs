using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// What a validating client (the official TypeScript SDK checks structured content against the declared output
/// schema) sees: every tool is called in every outcome a test can reach — normal, empty, bad input, no active
/// bundle, database down, docs and ingest down — and each structured answer is checked with a JSON Schema
/// validator against the schema the tool declares.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ToolContractTests(DatabaseFixture db)
{
    /// <summary>One ordinary call per tool; a tool missing here fails <see cref="Every_tool_is_exercised"/>.</summary>
    public static readonly IReadOnlyDictionary<string, object> Normal = new Dictionary<string, object>
    {
        ["system_health"] = new { },
        ["schema_list_tables"] = new { },
        ["schema_list_metrics"] = new { prefix = "cpu_" },
        ["schema_list_label_values"] = new { metric = "cpu_utilization", label = "cpu" },
        ["schema_describe_metric"] = new { metric_name = "cpu_utilization" },
        ["docs_search"] = new { q = "disk saturation" },
        ["docs_get"] = new { id = "field:CPU:cpu_utilization" },
        ["docs_search_metrics"] = new { q = "which thread eats the CPU" },
        ["docs_list_concepts"] = new { },
        ["docs_resolve_alias"] = new { name = "cpu_utilization_percent" },
        ["top_n"] = new { metric = "top_cpu_percent", n = 3 },
        ["compare_windows"] = new { window_a = new[] { "bundle_start", "bundle_start+10m" }, window_b = new[] { "bundle_start+10m", "bundle_end" } },
        ["correlate_metrics"] = new { metrics = new[] { "cpu_utilization", "mem_available_percent" } },
        ["find_anomalies"] = new { metric = "cpu_utilization" },
        ["metrics_list"] = new { prefix = "cpu_" },
        ["metric_metadata"] = new { metric = "cpu_utilization" },
        ["label_values"] = new { label = "cpu" },
        ["query_range"] = new { metric = "cpu_utilization" },
        ["support_load_bundle"] = new { path = "/nonexistent/bundle.tar.gz" },
        ["support_unload_bundle"] = new { bundle_id = "no-such-bundle" },
        ["support_list_bundles"] = new { },
        ["support_active_context"] = new { },
        ["support_switch_active"] = new { bundle_id = TestBundleData.OtherBundle },
        ["support_ingest_status"] = new { },
        ["support_cancel_ingest"] = new { job_id = "job-missing" },
        ["query_get_patterns"] = new { },
        ["query_build_sql"] = new { metric_name = "cpu_utilization" },
        ["query_run"] = new { metric_name = "cpu_utilization" },
        ["query_sql"] = new { sql = "SELECT bundle_id, host FROM bundles WHERE active" },
        ["graph_timeseries"] = new { metrics = new[] { "cpu_utilization" } },
        ["graph_compare"] = new { primary = "cpu_utilization{cpu=\"cpu\"}", comparators = new[] { "mem_available_percent" } },
        ["graph_topk"] = new { metric = "top_cpu_percent", k = 3 },
        ["graph_latency_histogram"] = new { histogram = "dbwr" },
    };

    /// <summary>Answers that are empty but not errors: nothing matches.</summary>
    static readonly (string Tool, object Args)[] Empty =
    [
        ("schema_list_metrics", new { prefix = "zzz_" }),
        ("metrics_list", new { prefix = "zzz_" }),
        ("query_run", new { metric_name = "cpu_utilization", filters = new { cpu = "cpu99" } }),
        ("query_range", new { metric = "cpu_utilization{cpu=\"cpu99\"}" }),
        ("label_values", new { label = "cpu", metric = "mem_available_percent" }),
        ("graph_timeseries", new { metrics = new[] { "cpu_utilization{cpu=\"cpu99\"}" } }),
        ("query_sql", new { sql = "SELECT bundle_id FROM bundles WHERE false" }),
    ];

    /// <summary>Bad input: a name that does not exist, a time that is not one.</summary>
    static readonly (string Tool, object Args)[] Bad =
    [
        ("schema_describe_metric", new { metric_name = "no_such_metric" }),
        ("query_run", new { metric_name = "cpu_utilization", start_time = "not a time" }),
        ("query_build_sql", new { metric_name = "no_such_metric" }),
        ("metric_metadata", new { metric = "no_such_metric" }),
        ("query_range", new { metric = "no_such_metric" }),
        ("graph_timeseries", new { metrics = new[] { "no_such_metric" } }),
        ("top_n", new { metric = "no_such_metric" }),
        ("system_health", new { unexpected = 1 }),
        ("query_run", new { metric_name = "cpu_utilization", no_such_argument = true }),
        ("query_sql", new { sql = "DELETE FROM bundles" }),
    ];

    [Fact]
    public async Task Every_tool_is_exercised()
    {
        var env = await McpEnvironment.GetAsync(db);
        var tools = await env.Client.ListToolsAsync();
        Assert.Empty(tools.Select(t => t.Name).Except(Normal.Keys));
    }

    [Fact]
    public async Task Answers_validate_with_a_bundle_loaded_and_docs_and_ingest_down()
    {
        var env = await McpEnvironment.GetAsync(db);
        // Its own server: the shared one runs ingest in process, where the switch below would really switch.
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, Down);
        await using var client = await server.ConnectAsync();
        var checker = await ContractChecker.CreateAsync(client);
        foreach (var (tool, args) in Normal) await checker.CallAsync(tool, args);
        foreach (var (tool, args) in Empty) await checker.CallAsync(tool, args);
        foreach (var (tool, args) in Bad) await checker.CallAsync(tool, args);
        Assert.True(checker.Checked >= Normal.Count, $"only {checker.Checked} answers were checked");
        Assert.True(checker.WithSchema > 0, "no tool declares an output schema: nothing was validated");
    }

    [Fact]
    public async Task Answers_validate_without_an_active_bundle()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await using var server = await McpTestServer.StartAsync(cs, Down);
        await using var client = await server.ConnectAsync();
        var checker = await ContractChecker.CreateAsync(client);
        foreach (var (tool, args) in Normal) await checker.CallAsync(tool, args);
        var health = await checker.CallAsync("system_health", new { });
        Assert.Contains("no_active_bundle", health.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Answers_validate_with_the_database_down()
    {
        // Nothing listens on port 9: every database call fails to connect.
        await using var server = await McpTestServer.StartAsync("Host=127.0.0.1;Port=9;Username=postgres;Database=ptops;Timeout=2", Down);
        await using var client = await server.ConnectAsync();
        var checker = await ContractChecker.CreateAsync(client);
        foreach (var (tool, args) in Normal) await checker.CallAsync(tool, args);
        var health = await checker.CallAsync("system_health", new { });
        Assert.Equal("unavailable", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("database").GetProperty("reachable").GetBoolean());
    }

    [Fact]
    public async Task Nullable_members_of_output_schemas_are_not_required()
    {
        var env = await McpEnvironment.GetAsync(db);
        var health = (await env.Client.ListToolsAsync()).Single(t => t.Name == "system_health").ProtocolTool.OutputSchema!.Value;
        var required = health.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.DoesNotContain("next_step", required);
        Assert.Contains("status", required);
        // Nested objects list members and types only; the top level says what is always there.
        var database = health.GetProperty("properties").GetProperty("database");
        Assert.False(database.TryGetProperty("required", out _));
        Assert.Equal("boolean", database.GetProperty("properties").GetProperty("reachable").GetProperty("type").GetString());
    }

    /// <summary>
    /// Found by the U2 contract sweep (scripts/mcp-client/contract-sweep.mjs): graph_timeseries with only unknown
    /// metrics gave no closest names where every other tool does; an error with nothing to suggest sent
    /// <c>"closest": []</c> instead of leaving it out.
    /// </summary>
    [Fact]
    public async Task Unknown_names_get_closest_names_and_an_error_without_any_leaves_them_out()
    {
        var env = await McpEnvironment.GetAsync(db);
        var checker = await ContractChecker.CreateAsync(env.Client);
        var chart = await checker.CallAsync("graph_timeseries", new { metrics = new[] { "cpu_utilizaton" } });
        Assert.Contains("metric_not_found", chart.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("cpu_utilization", chart.GetProperty("closest").EnumerateArray().Select(c => c.GetString()));

        var error = await env.Client.ErrorAsync("label_values", new { label = "cpu", metric = "balloon_memory_mb" }, "label_not_found");
        Assert.False(error.TryGetProperty("closest", out var closest), $"closest sent empty: {closest}");
    }

    [Fact]
    public async Task An_argument_the_tool_does_not_declare_is_refused_naming_the_accepted_ones()
    {
        var env = await McpEnvironment.GetAsync(db);
        var error = await env.Client.ErrorAsync("query_run", new { metric_name = "cpu_utilization", metric = "x" }, "invalid_argument");
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains("'metric'", message);
        Assert.Contains("metric_name", message);
        Assert.Contains("start_time", message);

        var health = await env.Client.ErrorAsync("system_health", new { verbose = true }, "invalid_argument");
        Assert.Contains("Accepted arguments: none", health.GetProperty("message").GetString());

        // A near miss gets the closest accepted name.
        var near = await env.Client.ErrorAsync("schema_describe_metric", new { metric_nam = "cpu_utilization" }, "invalid_argument");
        Assert.Contains("metric_name", near.GetProperty("closest").EnumerateArray().Select(c => c.GetString()));
    }

    /// <summary>
    /// Arguments the input schema rules out — a required one missing or null, a value of the wrong JSON type — are
    /// refused before the tool runs, by the same call filter as unknown arguments: <c>invalid_argument</c>, naming
    /// the argument and the accepted ones. The third column is the argument the refusal must name.
    /// </summary>
    public static TheoryData<string, string, string> Refused => new()
    {
        { "schema_describe_metric", "{}", "metric_name" },
        { "schema_describe_metric", """{"metric_name": null}""", "metric_name" },
        { "schema_describe_metric", """{"metric_name": 42}""", "metric_name" },
        { "graph_compare", """{"comparators": ["mem_available_percent"]}""", "primary" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": "many"}""", "k" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": 2.5}""", "k" },
        { "graph_topk", """{"metric": "top_cpu_percent", "k": 1e12}""", "k" },
        { "query_run", """{"metric_name": "cpu_utilization", "max_rows": true}""", "max_rows" },
        { "query_run", """{"metric_name": "cpu_utilization", "step_seconds": "often"}""", "step_seconds" },
        { "graph_compare", """{"primary": "cpu_utilization", "comparators": ["mem_available_percent"], "normalize": "yes"}""", "normalize" },
        { "query_range", """{"metric": "cpu_utilization", "start_ms": "soon"}""", "start_ms" },
        { "top_n", """{"metric": {"name": "top_cpu_percent"}}""", "metric" },
        { "docs_search", """{"q": ["cpu", "user"]}""", "q" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_missing_null_or_mistyped_argument_is_refused_naming_it_and_the_accepted_ones(string tool, string argsJson, string argument)
    {
        var env = await McpEnvironment.GetAsync(db);
        var checker = await ContractChecker.CreateAsync(env.Client);
        var args = JsonSerializer.Deserialize<JsonElement>(argsJson);
        var body = await checker.CallAsync(tool, args);
        var error = body.GetProperty("error");
        Assert.Equal("invalid_argument", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains($"'{argument}'", message);
        Assert.Contains("Accepted arguments: ", message);
        var declared = (await env.Client.ListToolsAsync()).Single(t => t.Name == tool).JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.All(declared, name => Assert.Contains(name, message));
        Assert.DoesNotContain(" at PerfAspire.", message);
    }

    /// <summary>What the schema allows still runs: an optional argument sent as null is "not given"; a number sent as a number string is the number.</summary>
    [Theory]
    [InlineData("query_run", """{"metric_name": "cpu_utilization", "start_time": null, "max_rows": null}""")]
    [InlineData("graph_topk", """{"metric": "top_cpu_percent", "k": 3.0}""")]
    [InlineData("graph_topk", """{"metric": "top_cpu_percent", "k": "3"}""")]
    [InlineData("query_range", """{"metric": "cpu_utilization", "step_ms": "60000"}""")]
    public async Task What_the_schema_allows_is_not_refused(string tool, string argsJson)
    {
        var env = await McpEnvironment.GetAsync(db);
        var checker = await ContractChecker.CreateAsync(env.Client);
        var body = await checker.CallAsync(tool, JsonSerializer.Deserialize<JsonElement>(argsJson));
        Assert.False(body.TryGetProperty("error", out var e), $"{tool} {argsJson}: {e}");
    }

    /// <summary>
    /// A tool that fails in a way it does not expect (here the ingest backend throws) answers <c>internal_error</c>
    /// in the error shape of every tool — a code, a message without the exception's text or a stack trace, a next
    /// step — never the SDK's bare text.
    /// </summary>
    [Fact]
    public async Task An_unexpected_exception_is_an_internal_error_in_the_normal_error_shape()
    {
        var env = await McpEnvironment.GetAsync(db);
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, new Dictionary<string, string?> { ["Mcp:DocsUrl"] = "http://127.0.0.1:9" },
            s => s.AddSingleton<PerfAspire.Ingest.Client.IIngestBackend>(new ThrowingIngest()));
        await using var client = await server.ConnectAsync();
        var checker = await ContractChecker.CreateAsync(client);
        foreach (var (tool, args) in new (string, object)[]
                 {
                     ("support_ingest_status", new { }), ("support_list_bundles", new { }), ("support_active_context", new { }),
                     ("support_load_bundle", new { path = "/tmp/x.tar.gz" }),
                 })
        {
            var body = await checker.CallAsync(tool, args);
            var error = body.GetProperty("error");
            Assert.Equal("internal_error", error.GetProperty("code").GetString());
            var message = error.GetProperty("message").GetString()!;
            Assert.Contains(tool, message);
            Assert.DoesNotContain(ThrowingIngest.Secret, body.GetRawText());
            Assert.DoesNotContain(" at ", message);
            Assert.True(error.TryGetProperty("next", out _), $"{tool}: no next step");
        }
    }

    sealed class ThrowingIngest : PerfAspire.Ingest.Client.IIngestBackend
    {
        public const string Secret = "internal detail 7f3a";

        static Exception Fail() => new InvalidOperationException(Secret);

        public string Location => "nowhere";
        public Task<PerfAspire.Ingest.Client.LoadJobStatus> StartLoadAsync(PerfAspire.Ingest.Client.LoadRequest request, CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.LoadJobStatus?> CancelJobAsync(string jobId, TimeSpan? wait = null, CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.LoadJobStatus?> GetJobAsync(string jobId, CancellationToken ct = default) => throw Fail();
        public Task<IReadOnlyList<PerfAspire.Ingest.Client.LoadJobStatus>> ListJobsAsync(CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.BundleList> ListAsync(CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.BundleDetail?> GetAsync(string bundleId, CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.ActiveBundle> ActiveAsync(CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.ActiveBundle> SwitchActiveAsync(string bundleId, CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.UnloadResult> UnloadAsync(string bundleId, CancellationToken ct = default) => throw Fail();
        public Task<PerfAspire.Ingest.Client.UnloadResult> PurgeAsync(CancellationToken ct = default) => throw Fail();
    }

    /// <summary>Docs and ingest on a port nothing listens on: their tools answer unavailable within seconds.</summary>
    static readonly Dictionary<string, string?> Down = new()
    {
        ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        ["Mcp:IngestUrl"] = "http://127.0.0.1:9",
    };
}

/// <summary>Calls tools and checks every answer against the contract a validating client enforces.</summary>
public sealed class ContractChecker
{
    readonly McpClient _client;
    readonly Dictionary<string, (Tool Tool, JsonSchema? Schema)> _tools;

    ContractChecker(McpClient client, Dictionary<string, (Tool, JsonSchema?)> tools)
    {
        _client = client;
        _tools = tools;
    }

    public int Checked { get; private set; }

    public int WithSchema { get; private set; }

    public static async Task<ContractChecker> CreateAsync(McpClient client)
    {
        var tools = await client.ListToolsAsync();
        return new ContractChecker(client, tools.ToDictionary(
            t => t.Name,
            t => (t.ProtocolTool, t.ProtocolTool.OutputSchema is { } s ? JsonSchema.FromText(s.GetRawText()) : null)));
    }

    /// <summary>Calls a tool and asserts the answer keeps the contract; returns the JSON of its text.</summary>
    public async Task<JsonElement> CallAsync(string tool, object args, CancellationToken ct = default)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(args))!;
        var result = await _client.CallToolAsync(tool, arguments, cancellationToken: ct);
        var (declared, schema) = _tools[tool];
        var where = $"{tool} {JsonSerializer.Serialize(args)}";
        // Chart answers put a one-line summary first; the JSON is the last text block.
        var text = result.Content.OfType<TextContentBlock>().LastOrDefault()?.Text;
        Assert.False(string.IsNullOrEmpty(text), $"{where}: no text content");
        var body = JsonDocument.Parse(text!).RootElement.Clone();
        Checked++;
        if (result.StructuredContent is { } structured)
        {
            Assert.Equal(JsonValueKind.Object, structured.ValueKind);
            if (schema is not null)
            {
                WithSchema++;
                var evaluation = schema.Evaluate(JsonNode.Parse(structured.GetRawText()), new EvaluationOptions { OutputFormat = OutputFormat.List });
                Assert.True(evaluation.IsValid, $"{where}: structured content does not match the output schema: {Errors(evaluation)}\n{Clip(structured.GetRawText())}");
            }
        }
        else if (schema is not null)
        {
            Assert.True(result.IsError == true, $"{where}: declares an output schema but sent no structured content");
        }
        if (result.IsError == true)
        {
            Assert.True(body.TryGetProperty("error", out var error) && error.TryGetProperty("code", out _), $"{where}: an error without a code: {Clip(text!)}");
        }
        _ = declared;
        return body;
    }

    static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10));

    static string Clip(string s) => s.Length <= 600 ? s : s[..600] + "…";
}
