using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Embeddings;
using PerfAspire.Docs.Quality;
using PerfAspire.Docs.Search;
using PerfAspire.LocalPostgres;

namespace PerfAspire.Bench.Docs;

/// <summary>
/// P5 of docs/quality-bar.md: metric search p95 ≤ 50 ms and docs service ready ≤ 5 s with cached embeddings.
/// <code>dotnet run -c Release --project bench/PerfAspire.Bench -- docs [--runs 5] [--write] [--details]</code>
/// Ready time is measured on the real service process (perfaspire-docs, built beforehand) from process
/// start to the first 200 of /api/concepts, with the vector cache in a local PostgreSQL. Search latency is
/// measured in-process (DocsQueries) and over HTTP against that service, over every gold-set question.
/// <c>-- docs --quality [--details] [--explain "question"]</c> prints the gold-set report only;
/// <c>-- docs --quality --export-seed</c> rewrites the vectors shipped in the docs assembly.
/// </summary>
public static class DocsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntArg(args, "--runs", 5);
        var write = args.Contains("--write");
        var details = args.Contains("--details");
        var root = RepoRoot();
        var serviceDll = FindServiceDll(root);
        if (serviceDll is null)
        {
            Console.Error.WriteLine("perfaspire-docs.dll not found: build it first, e.g. dotnet build -c Release src/PerfAspire.Docs");
            return 2;
        }
        var gold = GoldSet.Load(GoldSet.Locate(root));
        if (args.Contains("--quality"))
        {
            // Quality only (no database, no service): vectors cached in a local file between runs.
            var file = new FileEmbeddingStore(Path.Combine(Path.GetTempPath(), "perfaspire-docs-bench", "embeddings.bin"));
            using var gen = new MiniLmEmbeddingGenerator();
            var t0 = Stopwatch.StartNew();
            var corpusOnly = DocCorpus.CreateDefault();
            Console.WriteLine($"corpus generation (first, with JIT): {t0.ElapsedMilliseconds} ms for {corpusOnly.Docs.Count} docs");
            t0.Restart();
            await gen.WarmUpAsync();
            Console.WriteLine($"model load + first encode: {t0.ElapsedMilliseconds} ms");
            var idx = await DocsIndex.BuildAsync(DocCorpus.CreateDefault(), gen, [file, new SeedEmbeddingStore()], MiniLmEmbeddingGenerator.ModelId, NullLogger.Instance, CancellationToken.None);
            Console.WriteLine($"index: {idx.Sync.FromCache} vectors cached, {idx.Sync.Embedded} computed in {idx.Sync.Elapsed.TotalMilliseconds:F0} ms");
            Console.WriteLine("corpus: " + string.Join(", ", idx.Corpus.Docs.GroupBy(d => d.Level).OrderBy(g => g.Key).Select(g => $"{g.Key.Name()} {g.Count()}")));
            if (args.Contains("--export-seed"))
            {
                // The vectors shipped in the assembly: exactly the current corpus, one model.
                var target = Path.Combine(root, "src", "PerfAspire.Docs", "Corpus", SeedEmbeddingStore.ResourceName);
                var units = EmbeddingUnit.From(idx.Corpus.Docs);
                var entries = units.Select((u, i) => (u, v: idx.Sync.Vectors[i]))
                    .ToDictionary(x => x.u.UnitId, x => new CachedEmbedding(x.u.ContentHash, x.v), StringComparer.Ordinal);
                using (var f = File.Create(target))
                {
                    FileEmbeddingStore.Write(f, new Dictionary<string, Dictionary<string, CachedEmbedding>>(StringComparer.Ordinal) { [MiniLmEmbeddingGenerator.ModelId] = entries });
                }
                Console.WriteLine($"wrote {entries.Count} vectors to {target} ({new FileInfo(target).Length / 1024} KiB); rebuild PerfAspire.Docs to ship them");
                return 0;
            }
            var explain = Array.IndexOf(args, "--explain");
            if (explain >= 0)
            {
                // Score components of the best metric docs for one query, to tune the corpus.
                foreach (var s in (await idx.ScoreAsync(args[explain + 1], new SearchSettings(), CancellationToken.None))
                    .Where(s => s.Doc.Level == DocLevel.L1).OrderByDescending(s => s.Score).Take(12))
                {
                    Console.WriteLine($"{s.Doc.Metric,-50} score {s.Score:F3} lexical {s.Lexical:F3} semantic {s.Semantic:F3} {s.Match}");
                }
                return 0;
            }
            Console.WriteLine((await gold.EvaluateAsync(new DocsQueries(idx, new SearchSettings()))).Format(details));
            Console.WriteLine("held-out " + (await gold.HeldOutSet.EvaluateAsync(new DocsQueries(idx, new SearchSettings()))).Format(details));
            return 0;
        }

        Console.WriteLine($"docs benchmark: {runs} runs, service {serviceDll}");
        await using var pg = await LocalPostgresServer.StartAsync();
        var cs = await CreateDatabaseAsync(pg.ConnectionString, "docs_bench");
        await using var dataSource = NpgsqlDataSource.Create(cs);
        var store = new PostgresEmbeddingStore(dataSource, new PerfAspire.Schema.DatabaseSettings());
        var settings = new SearchSettings();

        // 1. Cold: the corpus embedded from scratch into the empty cache.
        var corpus = DocCorpus.CreateDefault();
        using var generator = new MiniLmEmbeddingGenerator();
        var sw = Stopwatch.StartNew();
        var index = await DocsIndex.BuildAsync(corpus, generator, store, MiniLmEmbeddingGenerator.ModelId, NullLogger.Instance, CancellationToken.None);
        var coldMs = sw.Elapsed.TotalMilliseconds;
        Console.WriteLine($"cold build (model load + embed {index.Sync.Embedded} passages of {corpus.Docs.Count} docs): {coldMs:F0} ms");

        // 2. Ready time of the real service with the cache warm, one fresh process per run.
        var readyMs = new List<double>();
        var listeningMs = new List<double>();
        var readyCpuMs = new List<double>();
        var load = new List<double>();
        var httpLatencies = new List<List<double>>();
        for (var run = 0; run < runs; run++)
        {
            load.Add(LoadAverage());
            var (ready, listening, readyCpu, latencies) = await RunServiceAsync(serviceDll, cs, gold, measureSearch: run == runs - 1);
            readyMs.Add(ready);
            readyCpuMs.Add(readyCpu);
            listeningMs.Add(listening);
            if (latencies is not null) httpLatencies.Add(latencies);
            Console.WriteLine($"  run {run + 1}: HTTP up after {listening:F0} ms, index ready after {ready:F0} ms, CPU time used by then {readyCpu:F0} ms (load average {load[^1]:F1})");
        }

        // 3. In-process metric search latency over the gold set, several passes after a warm-up pass.
        var queries = new DocsQueries(index, settings);
        foreach (var q in gold.Questions) await queries.SearchMetricsAsync(q.Q, 5, CancellationToken.None);
        var passes = new List<List<double>>();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        for (var run = 0; run < runs; run++)
        {
            var lat = new List<double>();
            foreach (var q in gold.Questions)
            {
                var t = Stopwatch.GetTimestamp();
                await queries.SearchMetricsAsync(q.Q, 5, CancellationToken.None);
                lat.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            passes.Add(lat);
        }

        self.Refresh();
        var cpuPerQuery = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / (runs * gold.Questions.Count);
        var report = await gold.EvaluateAsync(queries);
        Console.WriteLine(report.Format(details));

        var all = passes.SelectMany(p => p).ToList();
        var httpAll = httpLatencies.SelectMany(p => p).ToList();
        var summary = new StringBuilder();
        summary.AppendLine($"- cold start (no cached vectors; model load + {index.Sync.Embedded} passages embedded + written to PostgreSQL): {coldMs / 1000:F1} s (one run)");
        summary.AppendLine($"- **service ready with cached embeddings** (process start → first 200 from /api/concepts, {runs} runs): median **{Median(readyMs) / 1000:F2} s** (min {readyMs.Min() / 1000:F2}, max {readyMs.Max() / 1000:F2}); target ≤ 5 s. Baseline in the same runs: process start → first HTTP answer (host up, index not ready) median {Median(listeningMs) / 1000:F2} s, so the index itself adds {Median([.. readyMs.Zip(listeningMs, (r, l) => r - l)]) / 1000:F2} s (model load dominates). CPU time the service process had used when ready (user + system, all threads; independent of how many other processes compete for the cores): median {Median(readyCpuMs) / 1000:F2} s. 1-minute load average during the runs: median {Median(load):F1} on {Environment.ProcessorCount} cores.");
        summary.AppendLine($"- **metric search in-process** ({gold.Questions.Count} gold questions × {runs} passes after a warm-up pass): p50 {Percentile(all, 0.5):F1} ms, **p95 {Percentile(all, 0.95):F1} ms** (median of per-pass p95: {Median([.. passes.Select(p => Percentile(p, 0.95))]):F1} ms), p99 {Percentile(all, 0.99):F1} ms; target p95 ≤ 50 ms. Mean CPU time per query (all threads, includes the embedding model's): {cpuPerQuery:F1} ms");
        if (httpAll.Count > 0)
        {
            summary.AppendLine($"- metric search over HTTP (GET /api/metrics/search on the running service, one pass after a warm-up pass): p50 {Percentile(httpAll, 0.5):F1} ms, p95 {Percentile(httpAll, 0.95):F1} ms");
        }
        summary.AppendLine($"- quality on the gold set: recall@5 {report.RecallAt5:F3}, auto precision {report.AutoPrecision:F3} ({report.AutoCorrect}/{report.AutoCount})");
        var searchMet = Percentile(all, 0.95) <= 50;
        var readyMet = Median(readyMs) <= 5000;
        summary.AppendLine($"- verdict: metric search p95 ≤ 50 ms {(searchMet ? "met" : "NOT met")}; ready ≤ 5 s {(readyMet ? "met" : "NOT met")} in wall time at this load"
            + (readyMet ? "." : $" (the CPU time to ready, {Median(readyCpuMs) / 1000:F1} s, approximates the wall time on an otherwise idle machine, since the start is CPU-bound; re-run on a quiet machine to confirm)."));
        Console.WriteLine(summary);

        if (write)
        {
            var path = Path.Combine(root, "docs", "benchmarks.md");
            WriteSection(path, summary.ToString(), runs);
            Console.WriteLine($"wrote section P5 of {path}");
        }
        return 0;
    }

    static async Task<(double ReadyMs, double ListeningMs, double ReadyCpuMs, List<double>? Latencies)> RunServiceAsync(string dll, string connectionString, GoldSet gold, bool measureSearch)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ConnectionStrings__timescale"] = connectionString;
        psi.Environment["TIMESCALE_SCHEMA"] = "perf";
        // Measure the database cache alone (no local file cache).
        psi.Environment["Docs__EmbeddingCacheFile"] = "none";
        psi.Environment["Docs__UseShippedEmbeddings"] = "false";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            double ready = -1, listening = -1, readyCpu = -1;
            while (sw.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (process.HasExited) throw new InvalidOperationException("The docs service exited early:\n" + output);
                try
                {
                    using var r = await http.GetAsync("/api/concepts");
                    if (listening < 0) listening = sw.Elapsed.TotalMilliseconds;
                    if (r.IsSuccessStatusCode)
                    {
                        ready = sw.Elapsed.TotalMilliseconds;
                        process.Refresh();
                        readyCpu = process.TotalProcessorTime.TotalMilliseconds;
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or too busy starting to answer within the client timeout.
                }
                await Task.Delay(20);
            }
            if (ready < 0) throw new TimeoutException("The docs service was not ready within 120 s:\n" + output);

            List<double>? latencies = null;
            if (measureSearch)
            {
                foreach (var q in gold.Questions) await http.GetFromJsonAsync<MetricSearchResponse>(Url(q.Q));
                latencies = [];
                foreach (var q in gold.Questions)
                {
                    var t = Stopwatch.GetTimestamp();
                    var r = await http.GetFromJsonAsync<MetricSearchResponse>(Url(q.Q));
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (r is null || r.Candidates.Count == 0) throw new InvalidOperationException($"No candidates for '{q.Q}'.");
                }
            }
            return (ready, listening, readyCpu, latencies);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        static string Url(string q) => "/api/metrics/search?limit=5&q=" + Uri.EscapeDataString(q);
    }

    static void WriteSection(string path, string summary, int runs)
    {
        var section = new StringBuilder();
        section.AppendLine("## P5 — docs: metric search latency and service readiness");
        section.AppendLine();
        section.AppendLine("Command: `dotnet build -c Release src/PerfAspire.Docs && dotnet run -c Release --project bench/PerfAspire.Bench -- docs --runs " + runs + " --write`");
        section.AppendLine();
        section.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, shared with other builds (noisy).");
        section.AppendLine();
        section.Append(summary);
        section.AppendLine();

        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\nEach section: the command that produced it, the date, the machine and the medians of several runs.\n\n";
        const string heading = "## P5 ";
        var start = text.IndexOf(heading, StringComparison.Ordinal);
        if (start >= 0)
        {
            var next = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            text = text[..start] + section + (next >= 0 ? text[(next + 1)..] : "");
        }
        else
        {
            text = text.TrimEnd() + "\n\n" + section;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    static async Task<string> CreateDatabaseAsync(string admin, string name)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", conn)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) return dir.FullName;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (PerfAspire.sln not found).");
    }

    static string? FindServiceDll(string root)
    {
        foreach (var config in new[] { "Release", "Debug" })
        {
            var p = Path.Combine(root, "src", "PerfAspire.Docs", "bin", config, "net10.0", "linux-x64", "perfaspire-docs.dll");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }

    static double Median(IReadOnlyList<double> xs) => Percentile(xs, 0.5);

    static double Percentile(IReadOnlyList<double> xs, double p)
    {
        var sorted = xs.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
