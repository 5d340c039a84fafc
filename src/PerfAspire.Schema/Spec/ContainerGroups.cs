using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Per-container CPU, memory and disk: ptop-format.md §3.11.</summary>
internal static class ContainerGroups
{
    public static IEnumerable<TableGroup> All()
    {
        yield return G("CCPU", "ptops_ccpu", "ccpu", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name."), L("cpu", "CPU number, or 'all' for the container total.")],
            [
                Gauge("user_percent", "percent", "User-mode CPU used by the container."),
                Gauge("system_percent", "percent", "Kernel-mode CPU used by the container."),
            ],
            "Per-container CPU usage from cgroup accounting, per CPU or for all CPUs.");

        yield return G("CMEM", "ptops_cmem", "cmem", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name.")],
            [
                Gauge("page_cache_kb", "KiB", "Page cache charged to the container."),
                Gauge("file_backed_kb", "KiB", "File-backed memory of the container."),
                Gauge("rss_kb", "KiB", "Anonymous resident memory of the container."),
                Gauge("rss_huge_kb", "KiB", "Transparent huge page memory of the container."),
                Gauge("shmem_kb", "KiB", "Shared memory of the container."),
                Gauge("swap_kb", "KiB", "Swap used by the container."),
                Gauge("unevictable_kb", "KiB", "Unevictable memory of the container."),
                Rate("pgpgin_per_sec", "pages/s", "Pages charged to the container per second."),
                Rate("pgpgout_per_sec", "pages/s", "Pages uncharged from the container per second."),
            ],
            "Per-container memory from cgroup memory.stat.");

        yield return G("CDISK", "ptops_cdisk", "cdisk", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name."), L("device", "Block device name.", indexed: true), L("device_major", "Block device major number.")],
            [
                Rate("reads_per_sec", "ops/s", "Read requests per second by the container."),
                Rate("read_kb_per_sec", "KiB/s", "KiB read per second by the container."),
                Gauge("read_avg_kb", "KiB", "Average read size."),
                Rate("writes_per_sec", "ops/s", "Write requests per second by the container."),
                Rate("write_kb_per_sec", "KiB/s", "KiB written per second by the container."),
                Gauge("write_avg_kb", "KiB", "Average write size."),
            ],
            "Per-container block I/O per device from cgroup blkio.");
    }
}
