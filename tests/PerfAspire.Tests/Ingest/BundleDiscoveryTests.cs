using System.Security.Cryptography;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Bundles;
using PerfAspire.Ingest.Loading;
using static PerfAspire.Tests.Ingest.TestArchives;

namespace PerfAspire.Tests.Ingest;

/// <summary>Discovery and identity (docs/ptop-format.md §1): forms, names, max_files, nesting, hashes, sptid and host.</summary>
public sealed class BundleDiscoveryTests
{
    static readonly DateTime T0 = new(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc);

    internal static (BundleInventory Inventory, IReadOnlyList<string> Warnings) Scan(string path, int maxFiles = 10, BundleLimits? limits = null)
    {
        var warnings = new BundleWarnings();
        using var work = new WorkArea();
        using var walker = new BundleWalker(new DecompressionBudget(limits ?? new BundleLimits()), work, warnings);
        var inventory = BundleScanner.Scan(path, path, maxFiles, walker, warnings, CancellationToken.None);
        return (inventory, warnings.ToList());
    }

    [Theory]
    [InlineData("ptop-20250628_1352.log", true, false)]
    [InlineData("ptop-20250628_1352.log.gz", true, true)]
    [InlineData("ptop-20251399_1352.log", false, false)]
    [InlineData("ptop-2025_1352.log", false, false)]
    [InlineData("ptop-20250628_1352.log.1", false, false)]
    [InlineData("PTOP-20250628_1352.log", false, false)]
    [InlineData("xptop-20250628_1352.log", false, false)]
    public void Log_names_follow_the_rule(string name, bool valid, bool gzip)
    {
        Assert.Equal(valid, LogFileName.TryParse(name, out var t, out var gz));
        if (!valid) return;
        Assert.Equal(new DateTime(2025, 6, 28, 13, 52, 0, DateTimeKind.Utc), t);
        Assert.Equal(gzip, gz);
    }

    [Theory]
    [InlineData("/data/NIOSSPT-12345/sb.tar.gz", "NIOSSPT-12345")]
    [InlineData("/data/niosspt-77_bundle", "NIOSSPT-77")]
    [InlineData("/data/niospt-77_bundle", null)]
    [InlineData("/data/case_Niosspt-9/x", "NIOSSPT-9")]
    [InlineData("/data/SPT-1/x", null)]
    public void Sptid_is_the_first_match_upper_cased(string path, string? sptid) => Assert.Equal(sptid, BundleNames.FindSptid(path));

    [Theory]
    [InlineData("sb_dns-edge-01_NIOSSPT-1_20250628.tar.gz", "dns-edge-01")]
    [InlineData("sb_host.example.com_x", "host.example.com")]
    [InlineData("sb-host-x.tar.gz", null)]
    [InlineData("bundle.tar.gz", null)]
    public void Host_comes_from_the_sb_name(string name, string? host) => Assert.Equal(host, BundleNames.HostFromBundleName(name));

    [Theory]
    [InlineData("/usr/bin/ptop -C -Ms -Nn -T -D -B -d60 -b -W 14 -V -l/var/log", 60)]
    [InlineData("/usr/bin/ptop -d 10", 10)]
    [InlineData("/usr/bin/ptop -C", null)]
    public void Interval_comes_from_ARGS(string args, int? interval) => Assert.Equal(interval, LogHeader.IntervalOf(args));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-1)]
    public void Max_files_outside_1_to_10_is_a_clear_argument_error(int n)
    {
        var e = Assert.Throws<IngestException>(() => BundleScanner.ValidateMaxFiles(n));
        Assert.Equal(IngestErrors.InvalidMaxFiles, e.Code);
        Assert.Contains("between 1 and 10", e.Message);
    }

    [Fact]
    public void Categories_are_checked_and_normalised()
    {
        Assert.Equal(["CPU", "DISK"], CategorySelection.Parse(["disk", "cpu", "CPU"]));
        Assert.Equal(CategorySelection.All, CategorySelection.Parse(null));
        Assert.Equal(["MEM", "NET"], CategorySelection.Parse(["net,mem"]));
        var e = Assert.Throws<IngestException>(() => CategorySelection.Parse(["CPU", "GPU"]));
        Assert.Equal(IngestErrors.InvalidCategory, e.Code);
        Assert.Contains("GPU", e.Message);
    }

    [Fact]
    public void Directory_identity_from_names_header_and_content()
    {
        var small = IngestTestBed.Small.Directory;
        var (inv, warnings) = Scan(small.Path);
        Assert.Equal(BundleKind.Directory, inv.Kind);
        Assert.Equal(IngestTestBed.Small.Expected.Sptid, inv.Sptid);
        Assert.Equal(IngestTestBed.Small.Expected.Host, inv.Host);
        Assert.Equal(IngestTestBed.Small.Expected.HostId, inv.HostId);
        Assert.Equal(60, inv.SampleIntervalSeconds);
        Assert.NotNull(inv.PtopVersion);
        Assert.Equal(IngestTestBed.Small.Expected.Files.Select(f => f.Path), inv.Selected.Select(s => s.MemberPath));
        // The generator's README next to the logs looks like a log but is not one: named, never silently dropped.
        Assert.Equal(["skipped_bad_name:var/log/ptop.README"], warnings);

        // The directory hash depends on relative paths and content, not on where the directory is.
        using var copy = new TempDir();
        var target = Path.Combine(copy.Path, "other-name");
        CopyDirectory(small.Path, target);
        Assert.Equal(inv.Hash, Scan(target).Inventory.Hash);
        var log = Path.Combine(target, IngestTestBed.Small.Expected.Files[1].Path);
        File.AppendAllText(log, "\n");
        Assert.NotEqual(inv.Hash, Scan(target).Inventory.Hash);
    }

    [Fact]
    public void Archive_hash_is_the_sha256_of_its_bytes()
    {
        var tgz = IngestTestBed.Small.TarGz.Path;
        var (inv, _) = Scan(tgz);
        Assert.Equal(BundleKind.TarGz, inv.Kind);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tgz))), inv.Hash);
        Assert.Equal(IngestTestBed.Small.Expected.Sptid, inv.Sptid);
        Assert.Equal(IngestTestBed.Small.Expected.Host, inv.Host);
        var zip = Scan(IngestTestBed.Small.Zip.Path).Inventory;
        Assert.Equal(BundleKind.Zip, zip.Kind);
        Assert.Equal(inv.Selected.Select(s => s.MemberPath), zip.Selected.Select(s => s.MemberPath));
    }

    [Fact]
    public void Max_files_keeps_the_newest_and_orders_them_oldest_first()
    {
        using var dir = new TempDir();
        for (var i = 0; i < 4; i++) dir.Write($"var/log/{LogName(T0.AddHours(i))}", Log(T0.AddHours(i)));
        dir.Write("var/log/ptop-latest.log", Log(T0));
        dir.Write("var/log/messages", "not a ptop log\n");

        var (inv, warnings) = Scan(dir.Path, maxFiles: 2);
        Assert.Equal(4, inv.Candidates.Count);
        Assert.Equal([LogName(T0.AddHours(2)), LogName(T0.AddHours(3))], inv.Selected.Select(s => s.FileName));
        Assert.Contains($"skipped_max_files:var/log/{LogName(T0)}", warnings);
        Assert.Contains($"skipped_max_files:var/log/{LogName(T0.AddHours(1))}", warnings);
        Assert.Contains("skipped_bad_name:var/log/ptop-latest.log", warnings);
        Assert.DoesNotContain(warnings, w => w.Contains("messages"));
    }

    [Fact]
    public void Logs_are_found_anywhere_and_duplicates_of_one_start_time_are_skipped()
    {
        using var dir = new TempDir();
        dir.Write($"var/log/{LogName(T0)}", Log(T0));
        dir.Write($"var/log/ptoplogs/{LogName(T0.AddHours(1), gzip: true)}", Gzip(Log(T0.AddHours(1))));
        dir.Write($"deep/er/{LogName(T0.AddHours(1))}", Log(T0.AddHours(1)));
        var (inv, warnings) = Scan(dir.Path);
        Assert.Equal(2, inv.Selected.Count);
        Assert.Single(warnings, w => w.StartsWith("skipped_duplicate:", StringComparison.Ordinal));
        Assert.Equal(HostId, inv.Host);
    }

    [Fact]
    public void Archives_nested_one_level_are_opened_deeper_ones_are_not()
    {
        using var dir = new TempDir();
        var innerTar = Tar(Entry($"var/log/{LogName(T0)}", Log(T0)));
        var innerZip = Zip(Entry($"logs/{LogName(T0.AddHours(1))}", Log(T0.AddHours(1))));
        var deepest = TarGz(Entry("x/y.tar", Tar(Entry($"var/log/{LogName(T0.AddHours(3))}", Log(T0.AddHours(3))))));
        var outer = dir.Write("sb_edge7_bundle.tar.gz", TarGz(
            Entry("NIOSSPT-4242/inner.tar", innerTar),
            Entry("inner.zip", innerZip),
            Entry("more.tgz", deepest),
            Entry($"var/log/{LogName(T0.AddHours(2), gzip: true)}", Gzip(Log(T0.AddHours(2))))));

        var (inv, warnings) = Scan(outer);
        Assert.Equal(
            ["NIOSSPT-4242/inner.tar!/var/log/" + LogName(T0), "inner.zip!/logs/" + LogName(T0.AddHours(1)), "var/log/" + LogName(T0.AddHours(2), true)],
            inv.Selected.Select(s => s.MemberPath));
        Assert.Contains("skipped_nested_archive:more.tgz!/x/y.tar", warnings);
        Assert.Equal("NIOSSPT-4242", inv.Sptid);
        Assert.Equal("edge7", inv.Host);
    }

    [Fact]
    public void Host_falls_back_to_ident_then_unknown()
    {
        using var dir = new TempDir();
        var withIdent = dir.Write($"a/{LogName(T0)}", Log(T0));
        var without = dir.Write($"b/{LogName(T0)}", Log(T0, ident: false));
        Assert.Equal(HostId, Scan(withIdent).Inventory.Host);
        var bare = Scan(without).Inventory;
        Assert.Equal("unknown", bare.Host);
        Assert.Null(bare.PtopVersion);
        Assert.Equal(60, bare.SampleIntervalSeconds);
    }

    [Fact]
    public void A_path_without_logs_or_of_an_unknown_kind_is_a_specific_error()
    {
        using var dir = new TempDir();
        dir.Write("etc/hostname", "x\n");
        dir.Write("var/log/ptop-bad.log", "x\n");
        var e = Assert.Throws<IngestException>(() => Scan(dir.Path));
        Assert.Equal(IngestErrors.NoPtopLogs, e.Code);
        Assert.Contains("skipped_bad_name:var/log/ptop-bad.log", e.Message);

        var txt = dir.Write("notes.txt", "hello");
        Assert.Equal(IngestErrors.UnsupportedBundle, Assert.Throws<IngestException>(() => Scan(txt)).Code);
        var fakeTgz = dir.Write("x.tar.gz", "not gzip at all");
        Assert.Equal(IngestErrors.InvalidArchive, Assert.Throws<IngestException>(() => Scan(fakeTgz)).Code);
        var fakeZip = dir.Write("x.zip", "not a zip");
        Assert.Equal(IngestErrors.InvalidArchive, Assert.Throws<IngestException>(() => Scan(fakeZip)).Code);
        var corrupt = dir.Write("y.tar.gz", Gzip(new byte[2048].Select((_, i) => (byte)(i * 7)).ToArray()));
        Assert.Equal(IngestErrors.InvalidArchive, Assert.Throws<IngestException>(() => Scan(corrupt)).Code);
    }

    static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
