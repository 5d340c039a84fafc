using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Per-container CPU, memory and disk: docs/ptop-format.md §3.11.</summary>
internal static class ContainerGroups
{
    const string MemStat = "From the container cgroup's memory.stat at the sample time, in KiB";
    const string Blkio = "Delta of the container cgroup's blkio counters for the device between two samples divided by the interval";

    public static IEnumerable<TableGroup> All()
    {
        yield return G("CCPU", "ptops_ccpu", "ccpu", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name."), L("cpu", "CPU number, or 'all' for the container total.")],
            [
                Gauge("user_percent", "percent", "User-mode CPU used by the container in the interval, percent of one CPU (or of the given CPU). High values show which container loads the box.",
                    "Delta of the cgroup's cpuacct user time over the interval, as percent; first value after 'u/s'."),
                Gauge("system_percent", "percent", "Kernel-mode CPU used by the container in the interval.",
                    "Delta of the cgroup's cpuacct system time over the interval, as percent; second value after 'u/s'."),
            ],
            "Per-container CPU usage from cgroup CPU accounting, for each CPU (cpu[n]) or for all CPUs ('all').");

        yield return G("CMEM", "ptops_cmem", "cmem", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name.")],
            [
                Gauge("page_cache_kb", "KiB", "Page cache charged to the container; reclaimable.", MemStat + " (cache); value after 'c'."),
                Gauge("file_backed_kb", "KiB", "File-backed memory mapped by the processes of the container.", MemStat + " (mapped file); value after 'fi'."),
                Gauge("rss_kb", "KiB", "Anonymous resident memory of the container. Growth over time suggests a leak inside the container.", MemStat + " (rss); value after 'r'."),
                Gauge("rss_huge_kb", "KiB", "Transparent huge page memory of the container.", MemStat + " (rss_huge); value after 'h'."),
                Gauge("shmem_kb", "KiB", "Shared memory (shmem/tmpfs) charged to the container.", MemStat + " (shmem); value after 'sh'."),
                Gauge("swap_kb", "KiB", "Swap used by the container; non-zero means the container was squeezed.", MemStat + " (swap); value after 'sw'."),
                Gauge("unevictable_kb", "KiB", "Memory of the container that cannot be reclaimed (locked).", MemStat + " (unevictable); value after 'u'."),
                Rate("pgpgin_per_sec", "pages/s", "Pages charged to the container per second.", "Delta of the cgroup's pgpgin divided by the interval; first value after 'pio'."),
                Rate("pgpgout_per_sec", "pages/s", "Pages uncharged from the container per second.", "Delta of the cgroup's pgpgout divided by the interval; second value after 'pio'."),
            ],
            "Per-container memory from the cgroup's memory.stat: page cache, file-backed, anonymous and huge-page memory, shared memory, swap, unevictable memory and paging rates.");

        yield return G("CDISK", "ptops_cdisk", "cdisk", "container", "OTHER",
            [L("container_id", "Container id.", indexed: true), L("container_name", "Container name."), L("device", "Block device name.", indexed: true), L("device_major", "Block device major number.")],
            [
                Rate("reads_per_sec", "ops/s", "Read requests per second issued by the container to the device.", Blkio + "; first value after 'rkx'."),
                Rate("read_kb_per_sec", "KiB/s", "KiB read per second by the container from the device.", Blkio + "; second value after 'rkx'."),
                Gauge("read_avg_kb", "KiB", "Average read size of the container on the device.", "read_kb_per_sec / reads_per_sec; third value after 'rkx'."),
                Rate("writes_per_sec", "ops/s", "Write requests per second issued by the container to the device.", Blkio + "; first value after 'wkx'."),
                Rate("write_kb_per_sec", "KiB/s", "KiB written per second by the container to the device. Shows which container causes disk load.", Blkio + "; second value after 'wkx'."),
                Gauge("write_avg_kb", "KiB", "Average write size of the container on the device.", "write_kb_per_sec / writes_per_sec; third value after 'wkx'."),
            ],
            "Per-container block I/O per device from the cgroup's blkio statistics: request rates, throughput and request sizes. Attributes the DISK group's load to containers.");
    }
}
