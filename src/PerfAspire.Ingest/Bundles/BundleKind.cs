namespace PerfAspire.Ingest.Bundles;

/// <summary>What a bundle path (or an archive member) is: docs/ptop-format.md §1 lists the accepted forms.</summary>
public enum BundleKind
{
    Directory,
    TarGz,
    Tar,
    Zip,
    Log,
    GzipLog,
}

internal static class BundleKinds
{
    /// <summary>The archive kind a member or file name announces, or null when it is not an archive.</summary>
    public static BundleKind? ArchiveByName(string name)
    {
        if (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)) return BundleKind.TarGz;
        if (name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)) return BundleKind.Tar;
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return BundleKind.Zip;
        return null;
    }

    public static string Wire(this BundleKind kind) => kind switch
    {
        BundleKind.Directory => "directory",
        BundleKind.TarGz => "tar.gz",
        BundleKind.Tar => "tar",
        BundleKind.Zip => "zip",
        BundleKind.Log => "log",
        BundleKind.GzipLog => "log.gz",
        _ => "unknown",
    };
}
