using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Tests.Parsing;

namespace PerfAspire.Tests.Generation;

/// <summary>The small reference bundle: layout, determinism, and the parser finding exactly what the generator wrote.</summary>
public sealed partial class GeneratedBundleTests : IClassFixture<GeneratedBundleTests.SmallBundle>
{
    /// <summary>One small bundle (directory form) parsed once for all tests of the class.</summary>
    public sealed class SmallBundle : IDisposable
    {
        public SmallBundle()
        {
            Root = Directory.CreateTempSubdirectory("perfaspire-gen-").FullName;
            Bundle = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.Directory, Root);
            Registry = SchemaRegistry.CreateDefault();
            var parser = new PtopParser(Registry);
            foreach (var file in Bundle.Expected.Files)
            {
                var sink = new RecordingSink();
                var stats = parser.ParseFile(Path.Combine(Bundle.Path, file.Path), sink);
                Parsed.Add((file, stats, sink));
            }
        }

        public string Root { get; }
        public GeneratedBundle Bundle { get; }
        public SchemaRegistry Registry { get; }
        public List<(ExpectedFile Expected, ParseStats Stats, RecordingSink Sink)> Parsed { get; } = [];

        public IEnumerable<RecordingSink.Row> Rows(string table) => Parsed.SelectMany(p => p.Sink.Table(table));

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }

    readonly SmallBundle _b;

    public GeneratedBundleTests(SmallBundle bundle) => _b = bundle;

    [Fact]
    public void Layout_names_and_non_ptop_files()
    {
        Assert.Matches(BundleName(), Path.GetFileName(_b.Bundle.Path));
        var logs = Directory.GetFiles(Path.Combine(_b.Bundle.Path, "var/log"), "ptop-*").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["ptop-20250628_0000.log.gz", "ptop-20250628_0030.log"], logs);
        Assert.True(File.Exists(Path.Combine(_b.Bundle.Path, "var/log/messages")));
        Assert.True(File.Exists(Path.Combine(_b.Bundle.Path, "etc/hostname")));
        Assert.Equal(2, _b.Bundle.Expected.Files.Count);
        Assert.True(_b.Bundle.Expected.Files[0].Gzip);
    }

    [GeneratedRegex(@"^sb_[a-z0-9-]+_NIOSSPT-\d+_\d{8}$")]
    private static partial Regex BundleName();

    [Fact]
    public void Parser_finds_exactly_what_the_generator_wrote()
    {
        foreach (var (expected, stats, sink) in _b.Parsed)
        {
            Assert.True(stats.InvariantHolds);
            Assert.Equal(expected.Lines, stats.LinesRead);
            Assert.Equal(expected.DataLines, stats.DataLines);
            Assert.Equal(expected.TextLines, stats.TextLines);
            Assert.Equal(expected.MalformedLines, stats.MalformedLines);
            Assert.Equal(expected.OrphanLines, stats.OrphanLines);
            Assert.Equal(expected.BlankLines, stats.BlankLines);
            Assert.Equal(expected.HeaderLines, stats.HeaderLines);
            Assert.Equal(expected.TextRecords, stats.TextRecords);
            Assert.Equal(expected.Rows, stats.Rows);
            Assert.Equal(expected.Epochs, stats.Epochs);
            var actual = sink.Rows.GroupBy(r => r.Table).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(expected.Tables.Where(t => t.Value > 0).OrderBy(t => t.Key), actual.OrderBy(t => t.Key));
            Assert.Equal(expected.UnknownPrefixes.Sum(u => u.Value), stats.Warnings.Where(w => w.Key.StartsWith("unknown_prefix:")).Sum(w => w.Value));
        }
    }

    [Fact]
    public void Only_the_deliberately_injected_lines_are_malformed()
    {
        var first = _b.Parsed[0].Stats;
        var last = _b.Parsed[^1].Stats;
        Assert.Equal(1, first.MalformedLines);
        Assert.Contains("12.x", Assert.Single(first.Prefixes["CPU"].MalformedSamples).Text);
        Assert.Equal(2, last.MalformedLines);
        Assert.Equal(1, last.Warnings["truncated_last_line"]);
        Assert.Equal(3, _b.Bundle.Expected.MalformedLines);
    }

    [Fact]
    public void Every_table_of_the_spec_gets_rows_and_metadata_is_present()
    {
        var tables = _b.Parsed.SelectMany(p => p.Sink.Rows).Select(r => r.Table).ToHashSet();
        foreach (var group in _b.Registry.Spec.Groups) Assert.Contains(group.Table, tables);
        Assert.Contains("ptops_fp_dtob", tables);
        Assert.Contains("ptops_fp_ptob", tables);
        var meta = _b.Parsed[1].Stats.Metadata;
        Assert.Equal(_b.Bundle.Expected.HostId, meta.HostId);
        Assert.Equal(60, meta.IntervalSeconds);
        var texts = _b.Parsed.SelectMany(p => p.Sink.Texts).Select(t => t.Prefix).ToHashSet();
        Assert.Superset(new HashSet<string> { "ARGS", "DB", "SNIC", "VADP_CPU", "FPC", "IMCDR_NODES", "HWMON" }, texts);
        Assert.Contains(_b.Parsed.SelectMany(p => p.Sink.Texts), t => t.Prefix == "DB" && t.Body.Contains("\n  lock region:"));
    }

    [Fact]
    public void Label_forms_of_the_format_all_occur()
    {
        Assert.Contains(_b.Rows("ptops_smaps"), r => r.Label("command") is null);
        Assert.Contains(_b.Rows("ptops_smaps"), r => r.Label("command")?.Contains(' ') == true);
        Assert.Contains(_b.Rows("ptops_top"), r => r.Label("container_id") is not null && r.Label("container_name") is not null);
        Assert.Contains(_b.Rows("ptops_top"), r => r.Label("exec")!.StartsWith('[') && r.Label("exec")!.EndsWith(']'));
        Assert.Contains(_b.Rows("ptops_top"), r => r.Label("exec")!.Contains(' '));
        Assert.Contains(_b.Rows("ptops_ccpu"), r => r.Label("cpu") == "all");
        Assert.Contains(_b.Rows("ptops_ccpu"), r => r.Label("cpu") == "0");
        Assert.Contains(_b.Rows("ptops_net"), r => r.Label("interface") == "bond0");
        Assert.Contains(_b.Rows("ptops_udp"), r => r.Label("local_address") == "::" && r.Label("local_port") == "53");
        Assert.Contains(_b.Rows("ptops_mem"), r => double.IsNaN(r["pgpgin_per_sec"]));
        Assert.Contains(_b.Rows("ptops_dbmpool"), r => r["cache_size_mib"] == 512);
    }

    [Fact]
    public void Discovered_columns_match_the_expectation()
    {
        foreach (var (table, columns) in _b.Bundle.Expected.DiscoveredColumns)
        {
            var layout = _b.Registry.ByTable(table)!;
            var discovered = layout.Metrics.Skip(layout.Group.Metrics.Count).Select(m => m.Column).ToList();
            Assert.Equal(columns, discovered);
        }
    }

    [Fact]
    public void Cpu_utilisation_is_user_plus_system_plus_nice()
    {
        var cpu = _b.Rows("ptops_cpu").ToList();
        Assert.NotEmpty(cpu);
        Assert.All(cpu, r => Assert.Equal(r["user_percent"] + r["system_percent"] + r["nice_percent"], r["utilization"], 0.051));
    }

    [Fact]
    public void Counters_never_decrease_within_a_series()
    {
        foreach (var (table, label, column) in new[]
        {
            ("ptops_fp_ports", "port", "rx_packets_total"), ("ptops_net_ifstat", "interface", "rx_bytes_total"),
            ("ptops_fp_proxy", "msp_index", "query_timeouts_total"), ("ptops_imcapi_req", null, "requests_total"),
        })
        {
            foreach (var series in _b.Rows(table).GroupBy(r => label is null ? "" : r.Label(label)))
            {
                var values = series.Select(r => r[column]).ToList();
                Assert.True(values.Count > 10);
                for (var i = 1; i < values.Count; i++) Assert.True(values[i] >= values[i - 1], $"{table}.{column} went down");
            }
        }
    }

    [Fact]
    public void Disk_lines_only_for_busy_devices_and_top_membership_changes()
    {
        var epochs = _b.Bundle.Expected.Files.Sum(f => f.Epochs);
        var disk = _b.Rows("ptops_disk").ToList();
        Assert.Equal(epochs, disk.Count(r => r.Label("device") == "sda"));
        Assert.InRange(disk.Count(r => r.Label("device") == "sdb"), 1, epochs - 1);

        var top = _b.Rows("ptops_top").GroupBy(r => r.TsMicros).OrderBy(g => g.Key).Select(g => g.Select(r => r.Label("pid")).ToHashSet()).ToList();
        Assert.True(top.Zip(top.Skip(1)).Count(p => !p.First.SetEquals(p.Second)) > epochs / 2, "TOP membership should change over time");
    }

    [Fact]
    public void The_incident_shows_in_cpu_disk_db_and_proxy_at_once()
    {
        var e = _b.Bundle.Expected;
        bool In(long ts) => ts >= e.IncidentStartMicros && ts <= e.IncidentEndMicros;
        double Avg(IEnumerable<double> v) => v.DefaultIfEmpty(0).Average();

        var iowait = _b.Rows("ptops_cpu").Where(r => r.Label("cpu") == "cpu").ToList();
        Assert.True(Avg(iowait.Where(r => In(r.TsMicros)).Select(r => r["iowait_percent"])) > 5 * Avg(iowait.Where(r => !In(r.TsMicros)).Select(r => r["iowait_percent"])));

        var sda = _b.Rows("ptops_disk").Where(r => r.Label("device") == "sda").ToList();
        Assert.True(Avg(sda.Where(r => In(r.TsMicros)).Select(r => r["avg_queue_len"])) > 20 * Avg(sda.Where(r => !In(r.TsMicros)).Select(r => r["avg_queue_len"])));

        var slowBucket = _b.Rows("ptops_dbwr").Where(r => int.Parse(r.Label("bucket")!) > 20).ToList();
        Assert.NotEmpty(slowBucket);
        Assert.All(slowBucket, r => Assert.True(In(r.TsMicros)));

        var proxy = _b.Rows("ptops_fp_proxy").Where(r => r.Label("msp_index") == "0").OrderBy(r => r.TsMicros).ToList();
        var deltas = proxy.Zip(proxy.Skip(1)).Select(p => (p.Second.TsMicros, d: p.Second["query_timeouts_total"] - p.First["query_timeouts_total"])).ToList();
        Assert.True(Avg(deltas.Where(d => In(d.TsMicros)).Select(d => d.d)) > 10 * Avg(deltas.Where(d => !In(d.TsMicros)).Select(d => d.d)) + 1);
        Assert.True(proxy[^1]["reconnects_total"] > proxy[0]["reconnects_total"], "reconnects follow the timeouts");
    }

    [Fact]
    public void Quirks_are_present_in_the_text()
    {
        var plain = File.ReadAllText(Path.Combine(_b.Bundle.Path, _b.Bundle.Expected.Files[1].Path));
        Assert.Contains("CPU  cpu u ", plain);
        Assert.Contains("DISK 8  sda", plain);
        Assert.Matches(@"TOP \d+ \d+ \d+\.\d% [\d.]+ \([\d.]+ [\d.]+\)", plain);
        Assert.Contains("NETbond0 rk", plain);
        Assert.Contains("bup ", plain);
        Assert.Matches(@"\nDBWA\n", plain);
        Assert.False(plain.EndsWith('\n'));
        var lines = plain.Split('\n');
        var firstMem = lines.First(l => l.StartsWith("MEM "));
        Assert.DoesNotContain(" pio ", firstMem);
        Assert.Contains(" pio ", lines.Last(l => l.StartsWith("MEM ")));
    }

    [Fact]
    public void Same_seed_same_archive_bytes_and_zip_has_the_same_members()
    {
        var dir = Directory.CreateTempSubdirectory("perfaspire-gen-det-").FullName;
        try
        {
            var a = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.TarGz, Path.Combine(dir, "a"));
            var b = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.TarGz, Path.Combine(dir, "b"));
            Assert.EndsWith(".tar.gz", a.Path);
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(a.Path)), SHA256.HashData(File.ReadAllBytes(b.Path)));
            var other = BundleGenerator.Generate(GeneratorOptions.Small with { Seed = 7 }, BundleFormat.TarGz, Path.Combine(dir, "c"));
            Assert.NotEqual(SHA256.HashData(File.ReadAllBytes(a.Path)), SHA256.HashData(File.ReadAllBytes(other.Path)));

            var tarMembers = new List<string>();
            using (var gz = new GZipStream(File.OpenRead(a.Path), CompressionMode.Decompress))
            using (var tar = new TarReader(gz))
            {
                while (tar.GetNextEntry() is { } entry) tarMembers.Add(entry.Name);
            }
            var zip = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.Zip, Path.Combine(dir, "z"));
            using var archive = ZipFile.OpenRead(zip.Path);
            Assert.Equal(tarMembers, archive.Entries.Select(e => e.FullName));
            Assert.Contains("var/log/ptop-20250628_0000.log.gz", tarMembers);
            Assert.Equal(a.Expected.ToJson().Replace(".tar.gz", ".zip"), zip.Expected.ToJson());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
