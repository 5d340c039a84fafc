using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Parsing;
using PerfAspire.LocalPostgres;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Bench.Ingest;

/// <summary>
/// P2/P3 (docs/quality-bar.md): <c>bench ingest [--preset large|small] [--format tar.gz|dir|zip] [--runs N] [--data DIR] [--skip-psql] [--timescale true|false]</c>; also prints bytes per row, the share of rows in compressed chunks and the time to unload the bundle.
/// Generates the reference bundle (cached in DIR), starts a private PostgreSQL server, migrates, then per run:
/// loads the bundle end to end with the real ingest CLI in its own process (wall time and that process's peak RSS),
/// empties the tables, and loads the very same rows with <c>psql \copy</c> from ready-made CSV files into the same
/// tables. Prints both wall times, the ratio, rows/s, MB/s and the peak RSS; medians over the runs.
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var preset = Arg(args, "--preset") ?? "large";
        var format = Arg(args, "--format") ?? "tar.gz";
        var runs = int.Parse(Arg(args, "--runs") ?? "3", CultureInfo.InvariantCulture);
        var data = Arg(args, "--data") ?? Path.Combine(Path.GetTempPath(), "perfaspire-bench-ingest");
        var skipPsql = args.Contains("--skip-psql");
        bool? timescale = Arg(args, "--timescale") is { } t ? bool.Parse(t) : null;
        var options = GeneratorOptions.ByName(preset) ?? throw new ArgumentException($"unknown preset {preset}");
        var bundleFormat = format switch { "dir" => BundleFormat.Directory, "zip" => BundleFormat.Zip, _ => BundleFormat.TarGz };

        var bundle = GenerateOnce(options, bundleFormat, Path.Combine(data, preset + "-" + format));
        Console.WriteLine($"bundle: {bundle.Path} ({Size(bundle.Path) / 1e6:F0} MB on disk, {bundle.Expected.Rows + bundle.Expected.TextRecords:N0} rows expected)");

        var csvDir = Path.Combine(data, preset + "-csv");
        var (csv, logBytes) = WriteCsvOnce(bundle, csvDir);
        var csvBytes = csv.Values.Sum(f => new FileInfo(f.Path).Length);
        Console.WriteLine($"csv: {csv.Count} files, {csvBytes / 1e6:F0} MB; logs {logBytes / 1e6:F0} MB uncompressed");

        await using var server = await LocalPostgresServer.StartAsync(timescale: timescale);
        var cs = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "bench" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE bench", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var ds = NpgsqlDataSource.Create(cs);
        await SchemaMigrator.MigrateAsync(ds, new DatabaseSettings());
        Console.WriteLine($"server: PostgreSQL {(server.TimescaleInstalled ? "with" : "without")} TimescaleDB, port {server.Port}");

        var ingestTimes = new List<double>();
        var psqlTimes = new List<double>();
        var rss = new List<long>();
        long rows = 0;
        var unloadTimes = new List<double>();
        Storage? storage = null, psqlStorage = null;
        for (var run = 1; run <= runs; run++)
        {
            await TruncateAsync(ds);
            var (seconds, peak, summary) = await IngestAsync(bundle.Path, server.ConnectionString.Replace("Database=postgres", "Database=bench"));
            var ingested = await CountAsync(ds);
            rows = ingested;
            ingestTimes.Add(seconds);
            rss.Add(peak);
            storage = await StorageAsync(ds, summary.BundleId);
            Console.WriteLine($"run {run}: stored {storage}");
            var unloadSeconds = await UnloadAsync(summary.BundleId, server.ConnectionString.Replace("Database=postgres", "Database=bench"));
            unloadTimes.Add(unloadSeconds);
            Console.WriteLine($"run {run}: unload {unloadSeconds:F2} s (ingest CLI process, start included), rows left {await CountAsync(ds)}");

            var psqlSeconds = double.NaN;
            if (!skipPsql)
            {
                await TruncateAsync(ds);
                psqlSeconds = await PsqlCopyAsync(server, csv);
                var copied = await CountAsync(ds);
                psqlStorage = await StorageAsync(ds, null);
                psqlTimes.Add(psqlSeconds);
                if (copied != ingested) throw new InvalidOperationException($"row counts differ: ingest {ingested}, psql {copied}");
            }
            Console.WriteLine($"run {run}: ingest {seconds:F1} s (peak RSS {peak / 1048576.0:F0} MiB, {summary.Retries} retries), psql \\copy {psqlSeconds:F1} s, " +
                $"ratio {seconds / psqlSeconds:F2}, rows {ingested:N0}");
        }

        var ingestMedian = Median(ingestTimes);
        var psqlMedian = psqlTimes.Count > 0 ? Median(psqlTimes) : double.NaN;
        Console.WriteLine($"settings: TIMESCALE_BATCH_SIZE={Environment.GetEnvironmentVariable("TIMESCALE_BATCH_SIZE") ?? "1000 (default)"}, " +
            $"INGEST_COPY_WRITERS={Environment.GetEnvironmentVariable("INGEST_COPY_WRITERS") ?? "2 (default)"}, bundle form {format}, machine {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"| metric | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| rows (typed + text records) | {rows:N0} |");
        Console.WriteLine($"| ingest end to end (median of {runs}) | {ingestMedian:F1} s = {rows / ingestMedian:N0} rows/s, {logBytes / 1e6 / ingestMedian:F0} MB/s of log text |");
        Console.WriteLine($"| psql \\copy from CSV (median of {runs}) | {psqlMedian:F1} s = {rows / psqlMedian:N0} rows/s, {csvBytes / 1e6 / psqlMedian:F0} MB/s of CSV |");
        Console.WriteLine($"| ratio ingest / psql (P2 target <= 1.0) | {ingestMedian / psqlMedian:F2} |");
        Console.WriteLine($"| ingest-loaded storage (last run) | {storage} |");
        if (psqlStorage is not null) Console.WriteLine($"| psql-loaded storage (last run) | {psqlStorage} |");
        Console.WriteLine($"| unload of the bundle (median of {runs}, CLI process) | {Median(unloadTimes):F2} s |");
        Console.WriteLine($"| ingest peak RSS (P3 target <= 400 MB) | {Median(rss.Select(r => (double)r).ToList()) / 1048576.0:F0} MiB (max {rss.Max() / 1048576.0:F0} MiB) |");
        return 0;
    }

    static GeneratedBundle GenerateOnce(GeneratorOptions options, BundleFormat format, string dir)
    {
        var expectedFile = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.expected.json").FirstOrDefault() : null;
        if (expectedFile is not null)
        {
            var expected = ExpectedCounts.FromJson(File.ReadAllText(expectedFile));
            var path = Path.Combine(dir, expected.Bundle);
            if (File.Exists(path) || Directory.Exists(path)) return new GeneratedBundle(path, expectedFile, expected);
        }
        Console.WriteLine($"generating the {options.Preset} bundle in {dir} ...");
        var sw = Stopwatch.StartNew();
        var b = BundleGenerator.Generate(options, format, dir);
        Console.WriteLine($"generated in {sw.Elapsed.TotalSeconds:F0} s");
        return b;
    }

    /// <summary>Parses the bundle once with the real parser into per-table CSV files (cached).</summary>
    static (IReadOnlyDictionary<string, (string Path, IReadOnlyList<string> Columns)> Files, long LogBytes) WriteCsvOnce(GeneratedBundle bundle, string dir)
    {
        var manifest = Path.Combine(dir, "manifest.json");
        if (File.Exists(manifest))
        {
            var m = JsonSerializer.Deserialize<CsvManifest>(File.ReadAllText(manifest))!;
            if (m.Bundle == bundle.Path) return (m.Files.ToDictionary(kv => kv.Key, kv => (kv.Value.Path, (IReadOnlyList<string>)kv.Value.Columns)), m.LogBytes);
        }
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        Console.WriteLine("writing the CSV baseline files ...");
        var parser = new PtopParser(new SchemaRegistry(SchemaSpec.Default));
        long bytes = 0;
        using var sink = new CsvRowSink(dir, "psql-baseline", bundle.Expected.Sptid, bundle.Expected.Host);
        var warnings = new BundleWarnings();
        using (var work = new WorkArea())
        using (var walker = new BundleWalker(new DecompressionBudget(new BundleLimits()), work, warnings))
        {
            var inventory = BundleScanner.Scan(bundle.Path, bundle.Path, 10, walker, warnings, CancellationToken.None);
            var wanted = inventory.Selected.Select(s => s.MemberPath).ToHashSet();
            var gz = inventory.Selected.ToDictionary(s => s.MemberPath, s => s.Gzip);
            // Two passes over one registry: the first discovers every run-time column, so the second writes full rows.
            foreach (var pass in new[] { 1, 2 })
            {
                IRowSink target = pass == 1 ? new NullSink() : sink;
                bytes = 0;
                walker.Walk(inventory.Path, inventory.Kind, member =>
                {
                    if (!wanted.Contains(member.Path)) return;
                    using var raw = member.Open();
                    using var log = walker.OpenLog(raw, gz[member.Path], member.Path);
                    sink.BeginFile(member.Name);
                    bytes += parser.Parse(log, member.Name, target).BytesRead;
                });
            }
        }
        sink.Dispose();
        var files = sink.Files;
        File.WriteAllText(manifest, JsonSerializer.Serialize(new CsvManifest(bundle.Path, bytes,
            files.ToDictionary(kv => kv.Key, kv => new CsvFile(kv.Value.Path, [.. kv.Value.Columns])))));
        return (files, bytes);
    }

    sealed class NullSink : IRowSink
    {
        public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values) { }
        public void OnText(long? tsMicros, string prefix, long lineNo, string text) { }
    }

    sealed record CsvFile(string Path, List<string> Columns);

    sealed record CsvManifest(string Bundle, long LogBytes, Dictionary<string, CsvFile> Files);

    /// <summary>Runs the ingest CLI as its own process; returns wall seconds, its peak RSS (VmHWM) and the summary.</summary>
    static async Task<(double Seconds, long PeakRss, LoadSummary Summary)> IngestAsync(string bundlePath, string connectionString)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "perfaspire-ingest.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "load", bundlePath, "--force", "--json", "--dsn", connectionString }) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.HasExited)
        {
            peak = Math.Max(peak, PeakRss(p.Id));
            await Task.WhenAny(p.WaitForExitAsync(), Task.Delay(50));
        }
        await p.WaitForExitAsync();
        var seconds = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) throw new InvalidOperationException($"ingest failed ({p.ExitCode}): {await stdout}{await stderr}");
        return (seconds, peak, JsonSerializer.Deserialize<LoadSummary>(await stdout, IngestJson.Options)!);
    }

    static long PeakRss(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>One psql session loading every CSV with \copy, table after table (the usual way to bulk-load CSV).</summary>
    static async Task<double> PsqlCopyAsync(LocalPostgresServer server, IReadOnlyDictionary<string, (string Path, IReadOnlyList<string> Columns)> csv)
    {
        var script = Path.Combine(Path.GetTempPath(), $"perfaspire-bench-copy-{Environment.ProcessId}.sql");
        await File.WriteAllLinesAsync(script, csv.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
            $"\\copy perf.\"{kv.Key}\" ({string.Join(", ", kv.Value.Columns.Select(c => "\"" + c + "\""))}) FROM '{kv.Value.Path}' WITH (FORMAT csv)"));
        var psi = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PGPASSWORD"] = server.Password;
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "bench", "-v", "ON_ERROR_STOP=1", "-q", "-f", script })
        {
            psi.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var seconds = sw.Elapsed.TotalSeconds;
        File.Delete(script);
        if (p.ExitCode != 0) throw new InvalidOperationException($"psql failed: {await stdout}{await stderr}");
        return seconds;
    }

    /// <summary>What the typed tables hold on disk: bytes (hypertable_size on TimescaleDB, which counts compressed
    /// chunks and indexes; pg_total_relation_size otherwise), rows, and rows in compressed chunks (exact counts).</summary>
    sealed record Storage(long Rows, long Bytes, long CompressedRows)
    {
        public override string ToString() => $"{Rows:N0} typed rows, {Bytes / 1048576.0:F0} MiB, {(double)Bytes / Math.Max(1, Rows):F1} bytes/row, " +
            $"{100.0 * CompressedRows / Math.Max(1, Rows):F1} % of rows in compressed chunks";
    }

    static async Task<Storage> StorageAsync(NpgsqlDataSource ds, string? bundleId)
    {
        var typed = (await TablesAsync(ds)).Where(t => t != CommonColumns.TextRecordsTable).ToList();
        long bytes = 0, rows = 0, rowStore = 0;
        await using (var hasTs = ds.CreateCommand("SELECT to_regclass('timescaledb_information.hypertables') IS NOT NULL"))
        {
            var ts = (bool)(await hasTs.ExecuteScalarAsync())!;
            foreach (var t in typed)
            {
                await using var size = ds.CreateCommand(ts
                    ? $"SELECT COALESCE(hypertable_size('perf.\"{t}\"'), pg_total_relation_size('perf.\"{t}\"'))"
                    : $"SELECT pg_total_relation_size('perf.\"{t}\"')");
                bytes += (long)(await size.ExecuteScalarAsync())!;
            }
        }
        foreach (var t in typed)
        {
            await using var count = ds.CreateCommand($"SELECT count(*) FROM perf.\"{t}\"");
            rows += (long)(await count.ExecuteScalarAsync())!;
        }
        if (bundleId is not null)
        {
            rowStore = (await new PerfAspire.Ingest.Lifecycle.Columnstore(ds, "perf").RowsAsync(bundleId, typed, CancellationToken.None)).RowStore;
        }
        else
        {
            rowStore = rows; // psql \copy writes the row store (no direct compress on its session)
        }
        // On plain PostgreSQL there are no chunks: RowsAsync counts nothing as row store, yet nothing is compressed.
        await using var ht = ds.CreateCommand("SELECT to_regclass('timescaledb_information.chunks') IS NOT NULL");
        if (!(bool)(await ht.ExecuteScalarAsync())!) rowStore = rows;
        return new Storage(rows, bytes, rows - rowStore);
    }

    static async Task<double> UnloadAsync(string bundleId, string connectionString)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "perfaspire-ingest.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "unload", bundleId, "--json", "--dsn", connectionString }) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"unload failed ({p.ExitCode}): {await stdout}{await stderr}");
        return sw.Elapsed.TotalSeconds;
    }

    static async Task TruncateAsync(NpgsqlDataSource ds)
    {
        var tables = await TablesAsync(ds);
        await using var cmd = ds.CreateCommand($"TRUNCATE {string.Join(", ", tables.Select(t => $"perf.\"{t}\""))}, perf.bundle_files, perf.ingest_runs, perf.bundles");
        await cmd.ExecuteNonQueryAsync();
        await using var vacuum = ds.CreateCommand("CHECKPOINT");
        await vacuum.ExecuteNonQueryAsync();
    }

    static async Task<long> CountAsync(NpgsqlDataSource ds)
    {
        long total = 0;
        foreach (var t in await TablesAsync(ds))
        {
            await using var cmd = ds.CreateCommand($"SELECT count(*) FROM perf.\"{t}\"");
            total += (long)(await cmd.ExecuteScalarAsync())!;
        }
        return total;
    }

    static async Task<List<string>> TablesAsync(NpgsqlDataSource ds)
    {
        await using var cmd = ds.CreateCommand("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'perf' AND c.column_name = 'bundle_id' AND t.table_type = 'BASE TABLE' AND c.table_name LIKE 'ptops\_%'
            """);
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetString(0));
        return list;
    }

    static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    static long Size(string path) => File.Exists(path) ? new FileInfo(path).Length
        : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
