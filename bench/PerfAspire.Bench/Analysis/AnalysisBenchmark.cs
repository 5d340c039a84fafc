using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Loading;
using PerfAspire.LocalPostgres;
using PerfAspire.Mcp;
using PerfAspire.Mcp.Legacy;
using PerfAspire.Mcp.Tools;
using PerfAspire.Schema.Database;

namespace PerfAspire.Bench.Analysis;

/// <summary>
/// Latency of the legacy, graph and analysis tools (the tool methods in process, no transport) on a bundle with the
/// large preset's cardinality, next to a baseline measured in the same run: query_range of one all-CPU series over
/// the whole bundle (P4's "single-metric time-bucket average"). Reports median and p95 of each, and the ratio of
/// medians to the baseline, because this machine is shared and absolute times drift with its load.
/// <code>dotnet run -c Release --project bench/PerfAspire.Bench -- analysis [--epochs 1440] [--runs 15]</code>
/// </summary>
public static class AnalysisBenchmark
{
    const string Usage = "usage: analysis [--epochs N (default 1440 = one day at 60 s)] [--runs N (default 15)]";

    public static async Task<int> RunAsync(string[] args)
    {
        var epochs = 1440;
        var runs = 15;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--epochs" when int.TryParse(value, CultureInfo.InvariantCulture, out var e) && e >= 60: epochs = e; i++; break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var r) && r >= 3: runs = r; i++; break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        await using var pg = await LocalPostgresServer.StartAsync();
        await using (var conn = new NpgsqlConnection(pg.ConnectionString))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE ptops", conn);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(pg.ConnectionString) { Database = "ptops" }.ConnectionString;

        var options = GeneratorOptions.Large with { Preset = "large-cardinality", Files = 1, EpochsPerFile = epochs };
        var dir = Directory.CreateTempSubdirectory("perfaspire-analysis-bench-").FullName;
        try
        {
            var sw = Stopwatch.StartNew();
            var bundle = BundleGenerator.Generate(options, BundleFormat.Directory, dir);
            await using (var rt = IngestRuntime.Create(new IngestSettings(), cs))
            {
                await rt.EnsureReadyAsync();
                var summary = await rt.Loader.LoadAsync(new LoadRequest(bundle.Path), "bench");
                Console.WriteLine($"bundle: {options.Cpus} CPUs, {options.Disks} disks, {options.TopThreads} threads, {epochs} epochs: {summary.MetricsIngested.Rows:N0} rows loaded in {sw.Elapsed.TotalSeconds:F0} s");
            }

            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:timescale"] = cs,
                ["DATABASE_MODE"] = "local",
                ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
            });
            builder.AddServiceDefaults();
            builder.AddPerfAspireMcpServices();
            using var host = builder.Build();
            var sp = host.Services;
            var legacy = ActivatorUtilities.CreateInstance<LegacyTools>(sp);
            var graphs = ActivatorUtilities.CreateInstance<GraphTools>(sp);
            var analysis = ActivatorUtilities.CreateInstance<AnalysisTools>(sp);

            var calls = new (string Name, Func<Task<CallToolResult>> Call)[]
            {
                ("baseline: query_range cpu_utilization{cpu=\"cpu\"} (whole bundle)", () => legacy.QueryRange("cpu_utilization{cpu=\"cpu\"}")),
                ("query_range top_cpu_percent (20 series)", () => legacy.QueryRange("top_cpu_percent")),
                ("top_n threads by CPU (whole bundle)", () => analysis.TopNTool("top_cpu_percent")),
                ("top_n CPU per exec (whole bundle)", () => analysis.TopNTool("top_cpu_percent", group_by: "exec")),
                ("graph_topk threads by CPU (PNG)", () => graphs.TopK("top_cpu_percent")),
                ("graph_timeseries cpu + disk (PNG)", () => graphs.Timeseries(Json("""["cpu_utilization{cpu=\"cpu\"}", "disk_busy_percent"]"""))),
                ("graph_compare cpu vs disk, mem (PNG)", () => graphs.Compare("cpu_utilization{cpu=\"cpu\"}", Json("""["disk_busy_percent", "mem_available_percent"]"""))),
                ("graph_latency_histogram dbwr (PNG)", () => graphs.LatencyHistogramTool("dbwr")),
                ("compare_windows first vs second half (all tables)", () => analysis.CompareWindows(Json("""["bundle_start", "bundle_start+12h"]"""), Json("""["bundle_start+12h", "bundle_end"]"""))),
                ("correlate_metrics 4 metrics", () => analysis.Correlate(Json("""["cpu_utilization{cpu=\"cpu\"}", "disk_busy_percent", "mem_available_percent", "dbwr_bucket_count_total"]"""))),
                ("find_anomalies cpu_utilization (33 series)", () => analysis.FindAnomalies("cpu_utilization")),
            };

            Console.WriteLine($"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {runs} runs each after one warm-up");
            var results = new List<(string Name, double P50, double P95)>();
            foreach (var (name, call) in calls)
            {
                var warm = await call();
                if (warm.IsError == true) throw new InvalidOperationException($"{name} failed: {((TextContentBlock)warm.Content[0]).Text}");
                var times = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var t = Stopwatch.StartNew();
                    var result = await call();
                    times.Add(t.Elapsed.TotalMilliseconds);
                    if (result.IsError == true) throw new InvalidOperationException($"{name} failed");
                }
                times.Sort();
                results.Add((name, Percentile(times, 0.5), Percentile(times, 0.95)));
            }
            var baseline = results[0].P50;
            Console.WriteLine();
            Console.WriteLine("| tool call | p50 ms | p95 ms | p50 / baseline |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, p50, p95) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p50:F0} | {p95:F0} | {p50 / baseline:F1} |"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    static double Percentile(List<double> sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
