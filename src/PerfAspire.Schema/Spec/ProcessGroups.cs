using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Per-thread CPU (TOP) and per-process memory maps (SMAPS): ptop-format.md §3.6–3.7.</summary>
internal static class ProcessGroups
{
    public static IEnumerable<TableGroup> All()
    {
        yield return G("TOP", "ptops_top", "top", "process", "TOP",
            [
                L("pid", "Thread id (ptop prints one line per thread).", indexed: true),
                L("ppid", "Parent process id (the process the thread belongs to)."),
                L("exec", "Executable / thread name, may contain spaces and brackets ([kworker/0:1])."),
                L("container_id", "Container id when the thread runs in a container (cntr block)."),
                L("container_pid", "Thread id inside the container's pid namespace."),
                L("container_name", "Container name."),
            ],
            [
                Gauge("cpu_percent", "percent", "CPU used by the thread in the interval, percent of one CPU (100 = one full core).", "Delta of utime+stime over the interval."),
                Counter("total_cpu_seconds", "seconds", "CPU seconds used by the thread since it started.", "utime+stime from /proc/<pid>/task/<tid>/stat."),
                Counter("user_cpu_seconds", "seconds", "User-mode CPU seconds since the thread started."),
                Counter("system_cpu_seconds", "seconds", "Kernel-mode CPU seconds since the thread started."),
                Gauge("last_cpu", "cpu index", "CPU the thread last ran on (a value, not a label)."),
            ],
            "The top N threads by CPU each interval (-T<N>), one line per thread with parent pid, CPU percent, cumulative CPU seconds and the executable name. A thread missing from an epoch was not in the top N, not idle-at-zero. Highest-cardinality group.");

        yield return G("SMAPS", "ptops_smaps", "smaps", "memory_map", "SMAPS",
            [L("pid", "Process id.", indexed: true), L("command", "Command line of the process (NULL in quiet mode).")],
            [
                Gauge("vm_size_kb", "KiB", "Virtual size of all mappings."),
                Gauge("rss_kb", "KiB", "Resident set size: memory of the process in RAM. Steady growth suggests a leak."),
                Gauge("rss_minus_shmem_kb", "KiB", "RSS without shared memory: what the process alone holds."),
                Gauge("swap_kb", "KiB", "Memory of the process swapped out."),
                Gauge("shared_total_kb", "KiB", "Shared (clean + dirty) resident pages."),
                Gauge("shared_dirty_kb", "KiB", "Shared dirty pages."),
                Gauge("private_total_kb", "KiB", "Private (clean + dirty) resident pages."),
                Gauge("private_dirty_kb", "KiB", "Private dirty pages (anonymous memory written by the process)."),
                Gauge("shmem_total_kb", "KiB", "Shared memory (shmem/tmpfs) pages mapped."),
                Gauge("shmem_dirty_kb", "KiB", "Dirty shared-memory pages."),
            ],
            "Per-process memory from /proc/<pid>/smaps summed over mappings: size, RSS, swap, shared and private pages.");
    }
}
