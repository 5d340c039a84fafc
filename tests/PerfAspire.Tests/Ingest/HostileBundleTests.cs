using PerfAspire.Ingest;
using PerfAspire.Ingest.Bundles;
using static PerfAspire.Tests.Ingest.TestArchives;

namespace PerfAspire.Tests.Ingest;

/// <summary>R4: traversal and absolute members, links, decompression bombs, member floods and paths outside the roots.</summary>
public sealed class HostileBundleTests
{
    static readonly DateTime T0 = new(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc);

    static (BundleInventory Inventory, IReadOnlyList<string> Warnings) Scan(string path, BundleLimits? limits = null) =>
        BundleDiscoveryTests.Scan(path, limits: limits);

    [Fact]
    public void Traversal_absolute_and_link_members_are_refused_and_never_read()
    {
        using var dir = new TempDir();
        var escape = Path.Combine(Path.GetTempPath(), "perfaspire-escape-" + Guid.NewGuid().ToString("N")[..8]);
        var good = LogName(T0);
        var tgz = dir.Write("evil.tar.gz", TarGz(
            Entry($"var/log/{good}", Log(T0)),
            Entry($"../../{Path.GetFileName(escape)}/{LogName(T0.AddHours(1))}", Log(T0.AddHours(1))),
            Entry($"/etc/{LogName(T0.AddHours(2))}", Log(T0.AddHours(2))),
            new LinkMember($"var/log/{LogName(T0.AddHours(3))}", "/etc/shadow"),
            new LinkMember($"var/log/{LogName(T0.AddHours(4))}", $"var/log/{good}", Hard: true)));

        var (inv, warnings) = Scan(tgz);
        Assert.Equal([$"var/log/{good}"], inv.Selected.Select(s => s.MemberPath));
        Assert.Contains(warnings, w => w.StartsWith("refused_unsafe_path:../../", StringComparison.Ordinal));
        Assert.Contains($"refused_unsafe_path:/etc/{LogName(T0.AddHours(2))}", warnings);
        Assert.Contains($"refused_link:var/log/{LogName(T0.AddHours(3))}", warnings);
        Assert.Contains($"refused_link:var/log/{LogName(T0.AddHours(4))}", warnings);
        Assert.False(Directory.Exists(escape));
    }

    [Fact]
    public void Zip_traversal_and_symlink_members_are_refused()
    {
        using var dir = new TempDir();
        var zip = dir.Write("evil.zip", Zip(
            Entry($"logs/{LogName(T0)}", Log(T0)),
            Entry($"../{LogName(T0.AddHours(1))}", Log(T0.AddHours(1))),
            new LinkMember($"logs/{LogName(T0.AddHours(2))}", "/etc/passwd")));
        var (inv, warnings) = Scan(zip);
        Assert.Single(inv.Selected);
        Assert.Contains($"refused_unsafe_path:../{LogName(T0.AddHours(1))}", warnings);
        Assert.Contains($"refused_link:logs/{LogName(T0.AddHours(2))}", warnings);
    }

    /// <summary>FIFOs, devices and links that leave the bundle, each posing as a ptop log or as a nested archive.</summary>
    static Member[] SpecialMembers(string dir) =>
    [
        Entry($"{dir}/{LogName(T0)}", Log(T0)),
        new SpecialMember($"{dir}/{LogName(T0.AddHours(1))}", System.Formats.Tar.TarEntryType.Fifo),
        new SpecialMember($"{dir}/{LogName(T0.AddHours(2))}", System.Formats.Tar.TarEntryType.CharacterDevice),
        new SpecialMember($"{dir}/{LogName(T0.AddHours(3))}", System.Formats.Tar.TarEntryType.BlockDevice),
        new SpecialMember($"{dir}/inner.tar.gz", System.Formats.Tar.TarEntryType.Fifo),
        new LinkMember($"{dir}/{LogName(T0.AddHours(4))}", "../../../../etc/shadow"),
        new LinkMember($"{dir}/nested.zip", "/dev/zero"),
    ];

    static void AssertSpecialMembersRefused(BundleInventory inv, IReadOnlyList<string> warnings, string dir)
    {
        Assert.Equal([$"{dir}/{LogName(T0)}"], inv.Selected.Select(s => s.MemberPath));
        Assert.Contains($"refused_special:{dir}/{LogName(T0.AddHours(1))}", warnings);
        Assert.Contains($"refused_special:{dir}/{LogName(T0.AddHours(2))}", warnings);
        Assert.Contains($"refused_special:{dir}/{LogName(T0.AddHours(3))}", warnings);
        Assert.Contains($"refused_special:{dir}/inner.tar.gz", warnings);
        Assert.Contains($"refused_link:{dir}/{LogName(T0.AddHours(4))}", warnings);
        Assert.Contains($"refused_link:{dir}/nested.zip", warnings);
    }

    [Fact]
    public void Fifo_device_and_escaping_link_members_of_a_tar_are_refused_and_never_read()
    {
        using var dir = new TempDir();
        var tgz = dir.Write("evil.tar.gz", TarGz(SpecialMembers("var/log")));
        var (inv, warnings) = Scan(tgz);
        AssertSpecialMembersRefused(inv, warnings, "var/log");
        // The same tar inside a bundle directory: its members are refused alike.
        using var bundle = new TempDir();
        bundle.Write("sub/evil.tar", Tar(SpecialMembers("var/log")));
        var (inner, innerWarnings) = Scan(bundle.Path);
        AssertSpecialMembersRefused(inner, innerWarnings, "sub/evil.tar!/var/log");
    }

    [Fact]
    public void Fifo_device_and_escaping_link_members_of_a_zip_are_refused_and_never_read()
    {
        using var dir = new TempDir();
        var zip = dir.Write("evil.zip", Zip(SpecialMembers("logs")));
        var (inv, warnings) = Scan(zip);
        AssertSpecialMembersRefused(inv, warnings, "logs");
    }

    [Fact]
    public void Symlinks_in_a_directory_bundle_are_not_followed()
    {
        using var dir = new TempDir();
        using var outside = new TempDir();
        var secret = outside.Write(LogName(T0.AddHours(5)), Log(T0.AddHours(5)));
        dir.Write($"var/log/{LogName(T0)}", Log(T0));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "var/log", LogName(T0.AddHours(5))), secret);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "var/ptoplogs"), outside.Path);
        var (inv, warnings) = Scan(dir.Path);
        Assert.Equal([LogName(T0)], inv.Selected.Select(s => s.FileName));
        Assert.Contains($"refused_link:var/log/{LogName(T0.AddHours(5))}", warnings);
    }

    [Fact]
    public void A_decompression_bomb_is_stopped_by_the_ratio_cap()
    {
        using var dir = new TempDir();
        var zeros = new byte[16 << 20];
        var bomb = dir.Write(LogName(T0, gzip: true), Gzip(zeros));
        var limits = new BundleLimits { MaxCompressionRatio = 50, RatioCheckAfterBytes = 1 << 20 };
        var e = Assert.Throws<IngestException>(() => LoadAll(bomb, limits));
        Assert.Equal(IngestErrors.CompressionRatioExceeded, e.Code);

        var tgz = dir.Write("bomb.tar.gz", Gzip(Tar(Entry("var/log/filler.bin", zeros), Entry($"var/log/{LogName(T0)}", Log(T0)))));
        Assert.Equal(IngestErrors.CompressionRatioExceeded, Assert.Throws<IngestException>(() => Scan(tgz, limits)).Code);
    }

    [Fact]
    public void The_total_uncompressed_size_is_capped()
    {
        using var dir = new TempDir();
        var big = Log(T0, epochs: 20_000);
        var tgz = dir.Write("big.tar.gz", TarGz(Entry($"var/log/{LogName(T0)}", big)));
        var e = Assert.Throws<IngestException>(() => Scan(tgz, new BundleLimits { MaxUncompressedBytes = big.Length / 2 }));
        Assert.Equal(IngestErrors.BundleTooLarge, e.Code);
        Assert.Contains("BUNDLE_MAX_UNCOMPRESSED_BYTES", e.Message);
        Assert.Single(Scan(tgz, new BundleLimits { MaxUncompressedBytes = big.Length * 4L }).Inventory.Selected);
    }

    [Fact]
    public void A_member_flood_is_capped()
    {
        using var dir = new TempDir();
        var members = Enumerable.Range(0, 50).Select(i => (Member)Entry($"junk/{i}.txt", "x")).Append(Entry($"var/log/{LogName(T0)}", Log(T0))).ToArray();
        var tar = dir.Write("flood.tar", Tar(members));
        var e = Assert.Throws<IngestException>(() => Scan(tar, new BundleLimits { MaxMembers = 20 }));
        Assert.Equal(IngestErrors.TooManyMembers, e.Code);
    }

    [Fact]
    public void Paths_are_confined_to_the_allowed_roots_after_resolving_links()
    {
        using var root = new TempDir();
        using var outside = new TempDir();
        var inside = root.Write($"b/{LogName(T0)}", Log(T0));
        var elsewhere = outside.Write($"{LogName(T0)}", Log(T0));
        var link = Path.Combine(root.Path, "escape");
        Directory.CreateSymbolicLink(link, outside.Path);

        var policy = new BundlePathPolicy([root.Path], () => false);
        Assert.Equal(BundlePathPolicy.RealPath(inside), policy.Resolve(inside));
        Assert.Equal(IngestErrors.PathNotAllowed, Assert.Throws<IngestException>(() => policy.Resolve(elsewhere)).Code);
        Assert.Equal(IngestErrors.PathNotAllowed, Assert.Throws<IngestException>(() => policy.Resolve(Path.Combine(link, LogName(T0)))).Code);
        Assert.Equal(IngestErrors.PathNotAllowed, Assert.Throws<IngestException>(() => policy.Resolve(Path.Combine(root.Path, "..", Path.GetFileName(outside.Path)))).Code);
        Assert.Equal(IngestErrors.PathNotFound, Assert.Throws<IngestException>(() => policy.Resolve(Path.Combine(root.Path, "missing"))).Code);
        Assert.Equal(IngestErrors.InvalidArgument, Assert.Throws<IngestException>(() => policy.Resolve("relative/path")).Code);

        var open = new BundlePathPolicy([], () => true);
        Assert.Equal(BundlePathPolicy.RealPath(elsewhere), open.Resolve(elsewhere));
        var exposed = new BundlePathPolicy([], () => false);
        Assert.Equal(IngestErrors.BundleRootsRequired, Assert.Throws<IngestException>(() => exposed.Resolve(elsewhere)).Code);
    }

    [Theory]
    [InlineData(true, "http://127.0.0.1:5000", "http://localhost:5001", "http://[::1]:5002")]
    [InlineData(false, "http://0.0.0.0:5000")]
    [InlineData(false, "http://127.0.0.1:5000", "http://+:5001")]
    [InlineData(false, "http://10.1.2.3:80")]
    public void Loopback_binding_is_recognised(bool loopback, params string[] addresses)
    {
        var server = new FakeServer(addresses);
        Assert.Equal(loopback, PerfAspire.Ingest.IngestServices.ListensOnLoopbackOnly(server));
    }

    /// <summary>Reads every selected log to the end, as the ingest pass does (the single-log bomb only explodes there).</summary>
    static void LoadAll(string path, BundleLimits limits)
    {
        var warnings = new BundleWarnings();
        using var work = new WorkArea();
        using var walker = new BundleWalker(new DecompressionBudget(limits), work, warnings);
        var inv = BundleScanner.Scan(path, path, 10, walker, warnings, CancellationToken.None);
        walker.Walk(inv.Path, inv.Kind, m =>
        {
            using var raw = m.Open();
            using var log = walker.OpenLog(raw, inv.Selected[0].Gzip, m.Path);
            log.CopyTo(Stream.Null);
        });
    }

    sealed class FakeServer(string[] addresses) : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = Create(addresses);

        static Microsoft.AspNetCore.Http.Features.IFeatureCollection Create(string[] addresses)
        {
            var f = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
            var a = new Microsoft.AspNetCore.Hosting.Server.Features.ServerAddressesFeature();
            foreach (var x in addresses) a.Addresses.Add(x);
            f.Set<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>(a);
            return f;
        }

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }
}
