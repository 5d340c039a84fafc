namespace PerfAspire.Ingest.Generation;

/// <summary>Output shape of a generated bundle.</summary>
public enum BundleFormat
{
    Directory,
    TarGz,
    Zip,
}

/// <summary>
/// What to generate. The two reference presets of docs/quality-bar.md are <see cref="Small"/> and <see cref="Large"/>;
/// everything is deterministic for a given seed.
/// </summary>
public sealed record GeneratorOptions
{
    public string Preset { get; init; } = "custom";
    public int Seed { get; init; } = 42;
    public int Files { get; init; } = 2;
    public int EpochsPerFile { get; init; } = 30;
    public int IntervalSeconds { get; init; } = 60;
    public int Cpus { get; init; } = 4;
    public int Disks { get; init; } = 2;
    public int Nics { get; init; } = 2;
    public int NumaNodes { get; init; } = 1;

    /// <summary>Threads in the pool; those with CPU time in an interval are printed (ptop's -T limit is the pool size).</summary>
    public int TopThreads { get; init; } = 30;
    public int SmapsProcesses { get; init; } = 8;
    public int SlabCaches { get; init; } = 5;
    public int Containers { get; init; } = 1;

    /// <summary>Fast-path (DPDK) cores; they poll, so the OS shows them ~100% busy.</summary>
    public int FastPathCores { get; init; } = 2;
    public string Host { get; init; } = "dns-edge-01";
    public int SupportTicket { get; init; } = 40213;

    /// <summary>UTC start of the first file (the file names carry it).</summary>
    public DateTime StartUtc { get; init; } = new(2025, 6, 28, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Also write the deliberate faults: one garbled line per file and a truncated last line in the newest file.</summary>
    public bool InjectFaults { get; init; } = true;

    public int TotalEpochs => Files * EpochsPerFile;

    /// <summary>2 files × 30 min at 60 s: tests and the README demo.</summary>
    public static GeneratorOptions Small { get; } = new() { Preset = "small" };

    /// <summary>10 files × 24 h at 60 s, 32 CPUs, 8 disks, 4 NICs, 300 TOP threads, 40 SMAPS processes: about 6 million rows.</summary>
    public static GeneratorOptions Large { get; } = new()
    {
        Preset = "large",
        Files = 10,
        EpochsPerFile = 24 * 60,
        Cpus = 32,
        Disks = 8,
        Nics = 4,
        NumaNodes = 2,
        TopThreads = 300,
        SmapsProcesses = 40,
        SlabCaches = 10,
        Containers = 2,
        FastPathCores = 8,
    };

    public static GeneratorOptions? ByName(string preset) => preset.ToLowerInvariant() switch
    {
        "small" => Small,
        "large" => Large,
        _ => null,
    };

    public string SptId => $"NIOSSPT-{SupportTicket}";

    /// <summary><c>sb_&lt;host&gt;_NIOSSPT-&lt;n&gt;_&lt;date&gt;</c> (without extension).</summary>
    public string BundleBaseName => $"sb_{Host}_{SptId}_{StartUtc.AddSeconds((double)TotalEpochs * IntervalSeconds):yyyyMMdd}";
}
