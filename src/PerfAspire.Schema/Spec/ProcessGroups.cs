using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>Per-thread CPU (TOP) and per-process memory maps (SMAPS): docs/ptop-format.md §3.6–3.7.</summary>
internal static class ProcessGroups
{
    const string Smaps = "Sum over all mappings of /proc/<pid>/smaps";

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
                Gauge("cpu_percent", "percent",
                    "CPU used by the thread in the interval, in percent of one CPU (100 = one full core). A thread pinned near 100 is CPU-bound; DPDK poll threads always show 100 by design.",
                    "Delta of utime+stime of /proc/<pid>/task/<tid>/stat over the interval divided by the interval; the value before '%' after the pid."),
                Counter("total_cpu_seconds", "seconds",
                    "CPU seconds used by the thread since it started (user + system). Its rate is the thread's CPU use; a drop means the thread id was reused.",
                    "(utime + stime) / clock ticks per second from /proc/<pid>/task/<tid>/stat; the value after cpu%."),
                Counter("user_cpu_seconds", "seconds",
                    "User-mode CPU seconds used by the thread since it started.",
                    "utime / clock ticks per second; first value inside the parentheses."),
                Counter("system_cpu_seconds", "seconds",
                    "Kernel-mode CPU seconds used by the thread since it started. A high share of system time means syscall- or fault-heavy work.",
                    "stime / clock ticks per second; second value inside the parentheses."),
                Gauge("last_cpu", "cpu index",
                    "CPU the thread last ran on (field 39 of stat). A value, not a label: it shows whether a thread stays on one core or migrates.",
                    "processor field of /proc/<pid>/task/<tid>/stat; the value after the parentheses."),
            ],
            "The top N threads by CPU each interval (ptop -T<N>), one line per thread with parent pid, CPU percent, cumulative CPU seconds, last CPU and the executable name, plus the container when the thread runs in one. A thread missing from an epoch was not in the top N, not idle-at-zero. Highest-cardinality group: filter by pid or exec.");

        yield return G("SMAPS", "ptops_smaps", "smaps", "memory_map", "SMAPS",
            [L("pid", "Process id.", indexed: true), L("command", "Command line of the process (NULL in quiet mode).")],
            [
                Gauge("vm_size_kb", "KiB", "Virtual size of all mappings of the process. Large virtual sizes are normal (DPDK maps huge pages); look at RSS for real use.",
                    Smaps + " Size; first value after 's/r/r-/sw'."),
                Gauge("rss_kb", "KiB", "Resident set size: memory of the process currently in RAM. Steady growth over hours suggests a leak.",
                    Smaps + " Rss; second value after 's/r/r-/sw'."),
                Gauge("rss_minus_shmem_kb", "KiB", "RSS without shared memory: what the process alone holds in RAM; the best per-process number for leak hunting.",
                    "Rss minus shared memory pages; third value after 's/r/r-/sw'."),
                Gauge("swap_kb", "KiB", "Memory of the process swapped out. Non-zero for a latency-critical process (named) means it will stall on page-ins.",
                    Smaps + " Swap; fourth value after 's/r/r-/sw'."),
                Gauge("shared_total_kb", "KiB", "Resident pages shared with other processes (clean + dirty), such as libraries.",
                    Smaps + " Shared_Clean + Shared_Dirty; first value after 's'."),
                Gauge("shared_dirty_kb", "KiB", "Shared resident pages the process has modified (dirty), summed over its mappings.",
                    Smaps + " Shared_Dirty; second value after 's'."),
                Gauge("private_total_kb", "KiB", "Resident pages private to the process (clean + dirty): memory freed if it exits.",
                    Smaps + " Private_Clean + Private_Dirty; first value after 'p'."),
                Gauge("private_dirty_kb", "KiB", "Private pages the process has written (heap, stack): anonymous memory that can only go to swap.",
                    Smaps + " Private_Dirty; second value after 'p'."),
                Gauge("shmem_total_kb", "KiB", "Shared memory (shmem/tmpfs/System V) pages mapped by the process.",
                    "Shared-memory pages of the process's mappings; first value after 'sh'."),
                Gauge("shmem_dirty_kb", "KiB", "Dirty shared-memory pages mapped by the process.",
                    "Dirty shared-memory pages; second value after 'sh'."),
            ],
            "Per-process memory from /proc/<pid>/smaps summed over all mappings: virtual size, RSS, RSS without shared memory, swap, shared and private pages. Use it to find which process grows when mem_anon_percent or mem_available_percent move.");
    }
}
