using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;

namespace PerfAspire.Bench.Queries;

/// <summary>
/// U3 of docs/quality-bar.md on a real bundle: the size of every tool's default answer (and of the calls that ask for
/// the most), measured as BudgetTests measures it (tests/PerfAspire.Tests/Mcp/ToolReply.cs: the text blocks and the
/// structured content at ~4 characters per token, a PNG as vision tokens, width × height / 750).
/// <code>dotnet run -c Release --project bench/PerfAspire.Bench -- budgets --bundle B.tar.gz [--data-dir D] [--database cs] [--timescale true|false]</code>
/// Starts a throw-away PostgreSQL and loads the bundle like <c>queries</c> (with --data-dir a loaded cluster is reused).
/// Exit code 1 when an answer is over 8,000 tokens.
/// </summary>
public static class BudgetBenchmark
{
    const int MaxAnswerTokens = 8_000;

    /// <summary>Each tool's default call (the same as BudgetTests.Defaults), then calls that ask for the most.</summary>
    static readonly (string Tool, string Args)[] Calls =
    [
        ("system_health", "{}"),
        ("schema_list_tables", "{}"),
        ("schema_list_metrics", "{}"),
        ("schema_list_label_values", """{"metric": "cpu_user_percent", "label": "cpu"}"""),
        ("schema_describe_metric", """{"metric_name": "cpu_user_percent"}"""),
        ("docs_search", """{"q": "cpu user time"}"""),
        ("docs_get", """{"id": "field:CPU:cpu_user_percent"}"""),
        ("docs_search_metrics", """{"q": "which thread eats the CPU"}"""),
        ("docs_list_concepts", "{}"),
        ("docs_resolve_alias", """{"name": "cpu_utilization_percent"}"""),
        ("top_n", """{"metric": "top_cpu_percent"}"""),
        ("compare_windows", """{"window_a": ["bundle_start", "bundle_start+20m"], "window_b": ["bundle_start+20m", "bundle_end"]}"""),
        ("correlate_metrics", """{"metrics": ["cpu_user_percent", "cpu_system_percent"]}"""),
        ("find_anomalies", """{"metric": "cpu_user_percent"}"""),
        ("metrics_list", "{}"),
        ("metric_metadata", """{"metric": "cpu_user_percent"}"""),
        ("label_values", """{"label": "cpu"}"""),
        ("query_range", """{"metric": "cpu_user_percent"}"""),
        ("support_load_bundle", """{"path": "/nonexistent/bundle.tar.gz"}"""),
        ("support_unload_bundle", """{"bundle_id": "no-such-bundle"}"""),
        ("support_list_bundles", "{}"),
        ("support_active_context", "{}"),
        ("support_switch_active", """{"bundle_id": "no-such-bundle"}"""),
        ("support_ingest_status", "{}"),
        ("support_cancel_ingest", """{"job_id": "job-missing"}"""),
        ("query_get_patterns", "{}"),
        ("query_build_sql", """{"metric_name": "cpu_user_percent"}"""),
        ("query_run", """{"metric_name": "cpu_user_percent"}"""),
        ("query_sql", """{"sql": "SELECT * FROM cpu_user_percent"}"""),
        ("graph_timeseries", """{"metrics": ["cpu_user_percent"]}"""),
        ("graph_compare", """{"primary": "cpu_user_percent", "comparators": ["cpu_system_percent"]}"""),
        ("graph_topk", """{"metric": "top_cpu_percent"}"""),
        ("graph_latency_histogram", """{"histogram": "dbwr"}"""),
        // Asking for the most each tool takes.
        ("graph_topk", """{"metric": "top_cpu_percent", "k": 50}"""),
        ("graph_topk", """{"metric": "top_cpu_percent", "k": 50, "group_by": "exec", "by": "max"}"""),
        ("top_n", """{"metric": "smaps_rss_kb", "n": 50}"""),
        ("query_range", """{"metric": "top_cpu_percent", "max_series": 100}"""),
        ("query_run", """{"metric_name": "top_cpu_percent", "max_rows": 5000}"""),
        ("label_values", """{"label": "pid", "limit": 1000}"""),
        ("find_anomalies", """{"metric": "top_cpu_percent", "max_series": 20}"""),
        ("compare_windows", """{"window_a": ["bundle_start", "bundle_start+12h"], "window_b": ["bundle_start+12h", "bundle_end"], "limit": 100}"""),
        ("graph_timeseries", """{"metrics": ["cpu_utilization", "disk_busy_percent", "net_rx_packets_per_sec", "top_cpu_percent", "smaps_rss_kb", "mem_available_percent", "dbwr_bucket_count_total", "disk_avg_queue_len"], "max_series_per_metric": 20}"""),
        ("correlate_metrics", """{"metrics": ["cpu_utilization", "disk_busy_percent", "mem_available_percent", "top_cpu_percent", "net_rx_packets_per_sec", "dbwr_bucket_count_total", "smaps_rss_kb", "disk_avg_queue_len"]}"""),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string bundle = "", database = "", dataDir = "";
        bool? timescale = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--bundle": bundle = Next(); break;
                case "--database": database = Next(); break;
                case "--data-dir": dataDir = Next(); break;
                case "--timescale": timescale = bool.Parse(Next()); break;
                default:
                    Console.Error.WriteLine($"budgets: unknown argument {args[i]}");
                    return 2;
            }
        }

        LocalPostgresServer? pg = null;
        try
        {
            var cs = database;
            if (cs.Length == 0)
            {
                pg = await LocalPostgresServer.StartAsync(dataDir.Length > 0 ? Path.GetFullPath(dataDir) : null, timescale: timescale);
                cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "postgres" }.ConnectionString;
                await SchemaMigrator.MigrateAsync(cs, new DatabaseSettings());
                if (!await QueryBenchmark.HasActiveBundleAsync(cs))
                {
                    if (bundle.Length == 0) throw new ArgumentException("budgets: --bundle is required when no bundle is loaded");
                    await QueryBenchmark.LoadAsync(cs, bundle);
                }
            }
            await QueryBenchmark.ReportDataAsync(cs);
            await using var mcp = await QueryBenchmark.StartMcpAsync(cs);
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mcp.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
            var over = 0;
            Console.WriteLine($"answer sizes, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (tokens = text and structured characters / 4 + PNG width × height / 750; limit {MaxAnswerTokens})");
            Console.WriteLine();
            Console.WriteLine("| tool | arguments | tokens | text chars | image | cut | ms |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (tool, json) in Calls)
            {
                var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(json)!;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var result = await client.CallToolAsync(tool, arguments);
                var ms = watch.Elapsed.TotalMilliseconds;
                var (tokens, chars, image) = Measure(result);
                var text = result.Content.OfType<TextContentBlock>().LastOrDefault()?.Text ?? "";
                var cut = string.Join(" ", new[] { "truncated", "downsampled", "cut_by", "partial" }
                    .Where(k => text.Contains($"\"{k}\":true", StringComparison.Ordinal) || (k == "cut_by" && text.Contains("\"cut_by\":", StringComparison.Ordinal))));
                if (text.StartsWith('{') && JsonDocument.Parse(text).RootElement.TryGetProperty("tables_timed_out", out var slow) && slow.ValueKind == JsonValueKind.Array)
                {
                    cut = (cut + " timed out: " + string.Join(", ", slow.EnumerateArray().Select(t => t.GetString()))).Trim();
                }
                if (result.IsError == true)
                {
                    var code = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("code").GetString() : "?";
                    cut = (cut + " error " + code).Trim();
                }
                if (tokens > MaxAnswerTokens) over++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {tool} | `{json}` | {tokens:N0}{(tokens > MaxAnswerTokens ? " **over**" : "")} | {chars:N0} | {image} | {cut} | {ms:F0} |"));
            }
            Console.WriteLine();
            Console.WriteLine($"{Calls.Length} calls, {over} over {MaxAnswerTokens} tokens; load average {QueryBenchmark.LoadAverage()}");
            return over == 0 ? 0 : 1;
        }
        finally
        {
            if (pg is not null && dataDir.Length > 0) await pg.StopAsync();
            else if (pg is not null) await pg.DisposeAsync();
        }
    }

    static (int Tokens, int TextChars, string Image) Measure(CallToolResult result)
    {
        var chars = result.Content.OfType<TextContentBlock>().Sum(t => t.Text.Length);
        var structured = result.StructuredContent is { } s ? s.GetRawText().Length : 0;
        var vision = 0L;
        var image = "";
        if (result.Content.OfType<ImageContentBlock>().FirstOrDefault() is { } img)
        {
            var png = img.DecodedData.Span;
            var (w, h) = (BinaryPrimitives.ReadInt32BigEndian(png[16..20]), BinaryPrimitives.ReadInt32BigEndian(png[20..24]));
            vision = (long)w * h / 750;
            image = $"{w}×{h}";
        }
        return ((int)(Math.Ceiling((chars + structured) / 4.0) + vision), chars, image);
    }
}
