using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace PerfAspire.Bench.Load;

/// <summary>
/// R3 of docs/quality-bar.md: N concurrent MCP sessions (Streamable HTTP, the C# SDK client) issue a weighted mix of tool
/// calls for a fixed time against a loaded bundle. Reports errors (target: zero), p50/p95/p99 per tool and the MCP
/// server's resident memory sampled every second.
/// <code>dotnet run -c Release --project bench/PerfAspire.Bench -- load [--preset small|large] [--sessions 32] [--seconds 60]</code>
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            Console.Error.WriteLine($"load: {e.Message}\n{LoadOptions.Usage}");
            return 2;
        }
        var root = RepoRoot();
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

        var bundle = options.Bundle ?? await GenerateAsync(root, options.Preset, cts.Token);
        Console.WriteLine($"R3 load benchmark: {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, bundle {bundle}");
        Product? product = null;
        try
        {
            Uri url;
            int pid;
            if (options.McpUrl is { } given)
            {
                (url, pid) = (given, options.McpPid!.Value);
            }
            else
            {
                product = await Product.StartAsync(root, options.Configuration, cts.Token);
                (url, pid) = (product.McpUrl, product.McpPid);
            }
            return await MeasureAsync(options, bundle, url, pid, cts.Token);
        }
        finally
        {
            if (product is not null) await product.DisposeAsync();
        }
    }

    static async Task<int> MeasureAsync(LoadOptions options, string bundle, Uri url, int pid, CancellationToken ct)
    {
        await using var setup = await ConnectAsync(url, ct);
        var offered = (await setup.ListToolsAsync(cancellationToken: ct)).Select(t => t.Name).ToHashSet();
        var mix = ToolMix.Calls.Where(c => offered.Contains(c.Tool)).ToList();
        foreach (var c in ToolMix.Calls.Where(c => !offered.Contains(c.Tool))) Console.WriteLine($"note: the server does not offer {c.Tool}; left out of the mix");

        Console.WriteLine($"loading {bundle} ...");
        var loadClock = Stopwatch.StartNew();
        var load = await setup.CallToolAsync("support_load_bundle",
            new Dictionary<string, object?> { ["path"] = bundle, ["wait_seconds"] = 3600 },
            new Progress<ProgressNotificationValue>(p => Console.Write($"\r  {p.Progress,5:F1}% {p.Message}".PadRight(110)[..110])),
            cancellationToken: ct);
        Console.WriteLine();
        var loadText = Text(load);
        if (load.IsError == true || !loadText.Contains("\"succeeded\"", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"load failed: {loadText[..Math.Min(loadText.Length, 800)]}");
            return 1;
        }
        var rows = TotalRows(loadText);
        Console.WriteLine($"loaded in {loadClock.Elapsed.TotalSeconds:F1} s ({rows?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} rows)");

        // Warm-up: every call once, so the measured phase is the steady state (catalog, label caches, JIT).
        foreach (var c in mix) await CallAsync(setup, c, ct);

        var sessions = new List<McpClient>();
        for (var i = 0; i < options.Sessions; i++) sessions.Add(await ConnectAsync(url, ct));
        Console.WriteLine($"{options.Sessions} sessions connected; measuring for {options.Seconds} s");

        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        var rss = new List<(double Seconds, long Kb)>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(options.Seconds);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var sampler = Task.Run(async () =>
        {
            while (clock.Elapsed <= end + TimeSpan.FromSeconds(1) && !ct.IsCancellationRequested)
            {
                if (ResidentKb(pid) is { } kb) lock (rss) rss.Add((clock.Elapsed.TotalSeconds, kb));
                await Task.Delay(1000, CancellationToken.None);
            }
        }, CancellationToken.None);

        var workers = sessions.Select((client, i) => Task.Run(async () =>
        {
            var random = new Random(1000 + i);
            while (clock.Elapsed < end && !ct.IsCancellationRequested)
            {
                var call = mix[PickIndex(mix, random)];
                var sw = Stopwatch.StartNew();
                string? error;
                try
                {
                    error = await CallAsync(client, call, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = $"{e.GetType().Name}: {e.Message}";
                }
                var ms = sw.Elapsed.TotalMilliseconds;
                latencies.GetOrAdd(call.Label, _ => []).Add(ms);
                if (error is not null) errors.GetOrAdd(call.Label, _ => []).Add(error);
            }
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        await sampler;
        foreach (var s in sessions) await s.DisposeAsync();

        Console.WriteLine(Report(options, bundle, rows, elapsed, latencies, errors, rss));
        return errors.IsEmpty ? 0 : 1;
    }

    static int PickIndex(List<ToolMix.Call> mix, Random random)
    {
        var n = random.Next(mix.Sum(c => c.Weight));
        for (var i = 0; i < mix.Count; i++)
        {
            if (n < mix[i].Weight) return i;
            n -= mix[i].Weight;
        }
        return mix.Count - 1;
    }

    /// <summary>Null when the call succeeded; a short reason otherwise (protocol error or isError result).</summary>
    static async Task<string?> CallAsync(McpClient client, ToolMix.Call call, CancellationToken ct)
    {
        var result = await client.CallToolAsync(call.Tool, call.Arguments, cancellationToken: ct);
        if (result.IsError == true) return Text(result) is var t && t.Length > 300 ? t[..300] : Text(result);
        if (call.Tool == "graph_timeseries" && !result.Content.OfType<ImageContentBlock>().Any()) return "no image in the answer";
        return null;
    }

    static string Report(LoadOptions options, string bundle, long? rows, double elapsed,
        ConcurrentDictionary<string, ConcurrentBag<double>> latencies, ConcurrentDictionary<string, ConcurrentBag<string>> errors, List<(double Seconds, long Kb)> rss)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var total = latencies.Values.Sum(b => b.Count);
        var totalErrors = errors.Values.Sum(b => b.Count);
        sb.AppendLine(inv, $"\nR3 load: {options.Sessions} sessions × {elapsed:F1} s, bundle {Path.GetFileName(bundle)} ({rows?.ToString("N0", inv) ?? "?"} rows)");
        sb.AppendLine(inv, $"calls: {total} ({total / elapsed:F1}/s), errors: {totalErrors}");
        sb.AppendLine();
        sb.AppendLine("| tool call | calls | errors | p50 ms | p95 ms | p99 ms | max ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, bag) in latencies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var v = bag.Order().ToArray();
            var e = errors.TryGetValue(label, out var eb) ? eb.Count : 0;
            sb.AppendLine(inv, $"| {label} | {v.Length} | {e} | {P(v, 0.50):F0} | {P(v, 0.95):F0} | {P(v, 0.99):F0} | {v[^1]:F0} |");
        }
        var all = latencies.Values.SelectMany(b => b).Order().ToArray();
        if (all.Length > 0) sb.AppendLine(inv, $"| **all** | {all.Length} | {totalErrors} | {P(all, 0.50):F0} | {P(all, 0.95):F0} | {P(all, 0.99):F0} | {all[^1]:F0} |");
        foreach (var (label, bag) in errors)
        {
            sb.AppendLine(inv, $"errors of {label}: {string.Join(" | ", bag.Distinct().Take(3))}");
        }
        if (rss.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("MCP server RSS (MiB) every ~10 s: " + string.Join(", ", rss.Where((_, i) => i % 10 == 0 || i == rss.Count - 1)
                .Select(s => string.Create(inv, $"{s.Seconds:F0}s {s.Kb / 1024.0:F0}"))));
            var half = rss.Count / 2;
            var first = rss.Take(Math.Max(1, half)).Average(s => s.Kb) / 1024.0;
            var second = rss.Skip(half).Average(s => s.Kb) / 1024.0;
            sb.AppendLine(inv, $"RSS min {rss.Min(s => s.Kb) / 1024.0:F0} MiB, max {rss.Max(s => s.Kb) / 1024.0:F0} MiB; mean first half {first:F0} MiB, second half {second:F0} MiB ({(second - first) / first * 100:+0.0;-0.0}%)");
        }
        return sb.ToString();
    }

    static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    static long? ResidentKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException) { }
        return null;
    }

    static string Text(CallToolResult r) => string.Concat(r.Content.OfType<TextContentBlock>().Select(t => t.Text));

    static long? TotalRows(string loadJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(loadJson);
            if (!doc.RootElement.TryGetProperty("summary", out var s) || s.ValueKind != JsonValueKind.Object) return null;
            if (s.TryGetProperty("metrics_ingested", out var m) && m.ValueKind == JsonValueKind.Object
                && m.TryGetProperty("rows", out var v) && v.ValueKind == JsonValueKind.Number) return v.GetInt64();
        }
        catch (JsonException) { }
        return null;
    }

    static Task<McpClient> ConnectAsync(Uri url, CancellationToken ct) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url, TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: ct);

    /// <summary>The reference bundle of the preset, generated once by the ingest CLI and kept for later runs.</summary>
    static async Task<string> GenerateAsync(string root, string preset, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "perfaspire-bench-bundles", preset);
        var existing = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.tar.gz").FirstOrDefault() : null;
        if (existing is not null) return existing;
        Directory.CreateDirectory(dir);
        Console.WriteLine($"generating the {preset} bundle into {dir} ...");
        var ingest = Product.FindDll(root, "Ingest", null) ?? throw new InvalidOperationException("perfaspire-ingest.dll not built: run dotnet build -c Release src/PerfAspire.Ingest");
        var psi = new ProcessStartInfo("dotnet", [ingest, "generate", "--preset", preset, "--format", "tar.gz", "--out", dir])
        {
            UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0) throw new InvalidOperationException($"generate exited with {p.ExitCode}");
        return Directory.GetFiles(dir, "*.tar.gz").Single();
    }

    static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (PerfAspire.sln not found).");
    }
}
