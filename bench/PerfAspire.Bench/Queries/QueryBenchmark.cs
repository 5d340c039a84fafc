using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Loading;
using PerfAspire.LocalPostgres;
using PerfAspire.Mcp;
using PerfAspire.Mcp.Query;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;

namespace PerfAspire.Bench.Queries;

/// <summary>
/// P4 of docs/quality-bar.md: warm latency of the MCP tools on the large bundle, measured as a client sees it (the SDK's
/// client over Streamable HTTP to an in-process MCP server on loopback), plus the EXPLAIN plan of each query.
/// Starts a throw-away PostgreSQL, migrates, generates (or takes) the bundle and loads it with the ingest runtime.
/// <code>dotnet run -c Release --project bench/PerfAspire.Bench -- queries [--preset large|small] [--bundle path]
///   [--database connection-string] [--iterations 30] [--runs 3] [--timescale true|false]</code>
/// With --database the bundle already loaded and active there is used (nothing is started or loaded). With
/// --data-dir the PostgreSQL cluster lives in that directory and is kept: the first run loads, later runs reuse it.
/// </summary>
public static class QueryBenchmark
{
    sealed record Case(string Group, string Name, string Tool, Dictionary<string, object?> Args, double TargetMs);

    public static async Task<int> RunAsync(string[] args)
    {
        string preset = "large", bundle = "", database = "", dataDir = "";
        int iterations = 30, runs = 3;
        bool? timescale = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--preset": preset = Next(); break;
                case "--bundle": bundle = Next(); break;
                case "--database": database = Next(); break;
                case "--data-dir": dataDir = Next(); break;
                case "--iterations": iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--timescale": timescale = bool.Parse(Next()); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"queries: unknown argument {args[i]}");
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
                if (dataDir.Length == 0 || !await HasActiveBundleAsync(cs))
                {
                    bundle = bundle.Length > 0 ? bundle : Generate(preset);
                    await LoadAsync(cs, bundle);
                }
            }
            await using var mcp = await StartMcpAsync(cs);
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = mcp.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
            await ReportDataAsync(cs);
            var cases = Cases();
            var results = new Dictionary<string, List<(double P50, double P95, double Max)>>();
            for (var run = 1; run <= runs; run++)
            {
                foreach (var c in cases)
                {
                    var times = await MeasureAsync(client, c, iterations);
                    if (!results.TryGetValue(c.Name, out var list)) results[c.Name] = list = [];
                    list.Add((Percentile(times, 0.5), Percentile(times, 0.95), times.Max()));
                }
                Console.WriteLine($"run {run}/{runs} done (load average {LoadAverage()})");
            }
            PrintTable(cases, results, iterations, runs);
            await ExplainAsync(mcp.Services);
            return 0;
        }
        finally
        {
            if (pg is not null && dataDir.Length > 0) await pg.StopAsync();
            else if (pg is not null) await pg.DisposeAsync();
        }
    }

    internal static async Task<bool> HasActiveBundleAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM perf.bundles WHERE active AND state = 'loaded')", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    static List<Case> Cases()
    {
        Dictionary<string, object?> A(params (string K, object? V)[] kv) => kv.ToDictionary(x => x.K, x => x.V);
        return
        [
            new("discovery", "schema_list_tables", "schema_list_tables", A(), 20),
            new("discovery", "schema_list_metrics {category: cpu}", "schema_list_metrics", A(("category", "cpu")), 20),
            new("discovery", "schema_describe_metric (alias)", "schema_describe_metric", A(("metric_name", "cpu_utilization_percent")), 20),
            new("discovery", "query_get_patterns {metric_kind: counter}", "query_get_patterns", A(("metric_kind", "counter")), 20),
            new("discovery", "schema_list_label_values top pid (warm)", "schema_list_label_values", A(("metric", "top_cpu_percent"), ("label", "pid")), 20),
            new("discovery", "query_build_sql timeseries_avg", "query_build_sql", A(("pattern_name", "timeseries_avg"), ("metric_name", "cpu_utilization"), ("filters", new Dictionary<string, string> { ["cpu"] = "cpu" })), 20),
            new("time-bucket", "timeseries_avg mem_available_percent (1 series)", "query_run", A(("pattern_name", "timeseries_avg"), ("metric_name", "mem_available_percent")), 100),
            new("time-bucket", "timeseries_avg cpu_utilization {cpu: cpu}", "query_run", A(("pattern_name", "timeseries_avg"), ("metric_name", "cpu_utilization"), ("filters", new Dictionary<string, string> { ["cpu"] = "cpu" })), 100),
            new("time-bucket", "timeseries_avg cpu_utilization, all CPUs as one (group_by [])", "query_run", A(("pattern_name", "timeseries_avg"), ("metric_name", "cpu_utilization"), ("group_by", Array.Empty<string>())), 100),
            // An explicit window: buckets count from its start (time_bucket with an origin), read from the samples.
            new("time-bucket", "timeseries_avg cpu_utilization {cpu: cpu}, last 24 h", "query_run", A(("pattern_name", "timeseries_avg"), ("metric_name", "cpu_utilization"), ("start_time", "bundle_end-24h"), ("filters", new Dictionary<string, string> { ["cpu"] = "cpu" })), 100),
            new("counter rate", "counter_rate fpports_rx_packets_total {port: port0}", "query_run", A(("pattern_name", "counter_rate"), ("metric_name", "fpports_rx_packets_total"), ("filters", new Dictionary<string, string> { ["port"] = "port0" })), 300),
            new("counter rate", "counter_rate net_rx_bytes_total, all interfaces", "query_run", A(("pattern_name", "counter_rate"), ("metric_name", "net_rx_bytes_total")), 300),
            new("counter rate", "counter_rate fpports_rx_packets_total {port: port0}, last 24 h", "query_run", A(("pattern_name", "counter_rate"), ("metric_name", "fpports_rx_packets_total"), ("start_time", "bundle_end-24h"), ("filters", new Dictionary<string, string> { ["port"] = "port0" })), 300),
            new("top-K", "topk top_cpu_percent k=10 (whole window)", "query_run", A(("pattern_name", "topk"), ("metric_name", "top_cpu_percent"), ("k", 10)), 1000),
            new("top-K", "topk top_cpu_percent k=10 group_by [exec]", "query_run", A(("pattern_name", "topk"), ("metric_name", "top_cpu_percent"), ("k", 10), ("group_by", new[] { "exec" })), 1000),
        ];
    }

    /// <summary>The very first call of each case (run 1, before the warm-up): cold caches, e.g. label values right after a load.</summary>
    static readonly Dictionary<string, double> FirstCalls = [];

    static async Task<List<double>> MeasureAsync(McpClient client, Case c, int iterations)
    {
        for (var w = 0; w < 3; w++)
        {
            var first = Stopwatch.StartNew();
            await CallAsync(client, c);
            FirstCalls.TryAdd(c.Name, first.Elapsed.TotalMilliseconds);
        }
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            await CallAsync(client, c);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    static async Task CallAsync(McpClient client, Case c)
    {
        var result = await client.CallToolAsync(c.Tool, c.Args);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{c.Name} failed: {result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text}");
        }
    }

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    static void PrintTable(List<Case> cases, Dictionary<string, List<(double P50, double P95, double Max)>> results, int iterations, int runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"P4 query latency, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}; {iterations} calls per run after 3 warm-up calls, {runs} runs; median over runs of each run's p50/p95 (ms, client side: SDK client → Streamable HTTP → tool → PostgreSQL).");
        sb.AppendLine();
        sb.AppendLine("| group | call | p50 ms | p95 ms | p95 per run | target p95 | met |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var c in cases)
        {
            var r = results[c.Name];
            var p50 = Median(r.Select(x => x.P50));
            var p95 = Median(r.Select(x => x.P95));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Group} | {c.Name} | {p50:F1} | {p95:F1} | {string.Join(" / ", r.Select(x => x.P95.ToString("F0", CultureInfo.InvariantCulture)))} | ≤ {c.TargetMs:F0} | {(p95 <= c.TargetMs ? "yes" : "no")} |");
        }
        sb.AppendLine();
        sb.AppendLine("First call of each case (cold caches, before the warm-up), ms: " +
            string.Join("; ", cases.Select(c => $"{c.Name} {FirstCalls.GetValueOrDefault(c.Name).ToString("F0", CultureInfo.InvariantCulture)}")));
        Console.WriteLine();
        Console.WriteLine(sb.ToString());
    }

    static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>EXPLAIN of the P4 queries as built by the query layer, whole bundle and a one-hour window.</summary>
    static async Task ExplainAsync(IServiceProvider services)
    {
        var queries = services.GetRequiredService<QueryService>();
        var sessions = services.GetRequiredService<ReadOnlySessionFactory>();
        Console.WriteLine("EXPLAIN (plan nodes that read tables):");
        foreach (var (name, a) in new (string, QueryArguments)[]
        {
            ("timeseries_avg cpu_utilization {cpu: cpu}, whole bundle", new() { Pattern = "timeseries_avg", Metric = "cpu_utilization", Filters = QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { ["cpu"] = ["cpu"] }) }),
            ("timeseries_avg cpu_utilization {cpu: cpu}, last hour", new() { Pattern = "timeseries_avg", Metric = "cpu_utilization", Start = QueryArguments.Json("bundle_end-1h"), Filters = QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { ["cpu"] = ["cpu"] }) }),
            ("counter_rate fpports_rx_packets_total {port: port0}, whole bundle", new() { Pattern = "counter_rate", Metric = "fpports_rx_packets_total", Filters = QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { ["port"] = ["port0"] }) }),
            ("counter_rate fpports_rx_packets_total, last hour", new() { Pattern = "counter_rate", Metric = "fpports_rx_packets_total", Start = QueryArguments.Json("bundle_end-1h") }),
            ("topk top_cpu_percent k=10, whole bundle", new() { Pattern = "topk", Metric = "top_cpu_percent", K = 10 }),
            ("topk top_cpu_percent k=10, last hour", new() { Pattern = "topk", Metric = "top_cpu_percent", K = 10, Start = QueryArguments.Json("bundle_end-1h") }),
            ("label values top pid", new() { Pattern = "latest_value", Metric = "top_cpu_percent", Start = QueryArguments.Json("bundle_end-5m") }),
        })
        {
            var built = await queries.BuildAsync(a, CancellationToken.None);
            await using var session = await sessions.OpenAsync(CancellationToken.None);
            await using var cmd = session.Command("EXPLAIN " + built.Query.Sql);
            foreach (var p in built.Query.Parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p.Value });
            var plan = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync())
            {
                while (await r.ReadAsync()) plan.Add(r.GetString(0));
            }
            var scans = plan.Select(l => l.Trim().TrimStart('-', '>', ' ')).Where(l => l.Contains(" Scan", StringComparison.Ordinal))
                .Select(l => l[..l.IndexOf("  (", StringComparison.Ordinal)]).Distinct().ToList();
            Console.WriteLine($"- {name}: {string.Join("; ", scans)}");
        }
    }

    internal static async Task ReportDataAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT b.bundle_id, b.rows_total, b.time_start, b.time_end,
                   (SELECT count(*) FROM perf.ptops_top WHERE bundle_id = b.bundle_id), (SELECT count(*) FROM perf.ptops_cpu WHERE bundle_id = b.bundle_id)
            FROM perf.bundles b WHERE b.active
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        if (!await r.ReadAsync()) throw new InvalidOperationException("No active bundle in the database.");
        Console.WriteLine($"active bundle {r.GetString(0)}: {r.GetInt64(1):N0} rows, {r.GetFieldValue<DateTimeOffset>(2):O} .. {r.GetFieldValue<DateTimeOffset>(3):O}; ptops_top {r.GetInt64(4):N0} rows, ptops_cpu {r.GetInt64(5):N0} rows");
    }

    static string Generate(string preset)
    {
        var options = GeneratorOptions.ByName(preset) ?? throw new ArgumentException($"unknown preset {preset}");
        var dir = Path.Combine(Path.GetTempPath(), "perfaspire-bench-bundles", preset);
        var existing = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.tar.gz").FirstOrDefault() : null;
        if (existing is not null) return existing;
        Console.WriteLine($"generating the {preset} bundle into {dir} ...");
        return BundleGenerator.Generate(options, BundleFormat.TarGz, dir).Path;
    }

    internal static async Task LoadAsync(string cs, string bundle)
    {
        Console.WriteLine($"loading {bundle} ...");
        var sw = Stopwatch.StartNew();
        await using var rt = IngestRuntime.Create(new IngestSettings(), cs);
        await rt.EnsureReadyAsync();
        var job = await rt.Jobs.StartAsync(new LoadRequest(bundle));
        job = await rt.Jobs.WaitAsync(job.JobId, TimeSpan.FromHours(2)) ?? job;
        if (job.State != "succeeded") throw new InvalidOperationException($"load {job.State}: {job.Error}");
        Console.WriteLine($"loaded {job.Summary?.MetricsIngested.Rows:N0} rows in {sw.Elapsed.TotalSeconds:F0} s");
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    internal sealed class McpHost(WebApplication app, Uri endpoint) : IAsyncDisposable
    {
        public Uri Endpoint { get; } = endpoint;
        public IServiceProvider Services => app.Services;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    internal static async Task<McpHost> StartMcpAsync(string cs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:timescale"] = cs,
            ["Mcp:MigrateOnStartup"] = "false",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddPerfAspireMcpServices();
        builder.AddMcpServices().WithPerfAspireHttpTransport();
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        return new McpHost(app, new Uri(app.Urls.First() + "/mcp"));
    }
}
