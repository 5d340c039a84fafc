using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Corpus;

/// <summary>What a high or a low value of a metric suggests. Hand-written for the metrics engineers ask about
/// most; derived from the name and kind for the rest.</summary>
public static class Interpretation
{
    public sealed record Reading(string High, string Low);

    static readonly Dictionary<string, Reading> Overrides = new(StringComparer.Ordinal)
    {
        ["cpu_utilization"] = new("Sustained values near 100 mean the CPU is saturated: work queues up and latency grows. On the summary line (cpu=cpu) it is the box; on one core it may be a single hot thread or interrupt affinity.",
            "Plenty of CPU headroom; if the service is slow anyway, look at disk (iowait), memory or the upstream."),
        ["cpu_iowait_percent"] = new("CPUs sit idle waiting for I/O: storage is the bottleneck. Check disk_busy_percent and disk_avg_queue_len.",
            "Storage is not holding the CPUs back."),
        ["cpu_softirq_percent"] = new("Heavy kernel network receive processing (or other soft interrupts); with packet drops it means the kernel cannot keep up with the traffic.",
            "Little kernel packet processing."),
        ["mem_available_percent"] = new("Plenty of memory can still be allocated without swapping.",
            "Memory pressure: below roughly 10% the kernel reclaims cache hard and may swap or invoke the OOM killer."),
        ["mem_free_percent"] = new("Memory is unused (often right after boot).",
            "Normal on Linux: free memory is used as page cache. Judge pressure by mem_available_percent instead."),
        ["disk_busy_percent"] = new("Near 100 the device always had I/O in flight: it is saturated (for a single spindle or a queue-depth-1 device). Confirm with disk_avg_queue_len and the latencies.",
            "The device has spare capacity."),
        ["disk_avg_queue_len"] = new("Requests are piling up: demand above what the device can serve. With a modest disk_service_time_ms it is too much load; with a high service time the device is slow.",
            "Requests are served as they arrive."),
        ["disk_service_time_ms"] = new("The device itself is slow per request (failing disk, overloaded array, thin-provisioned or remote storage).",
            "The device is fast; any latency seen by applications comes from queueing."),
        ["top_cpu_percent"] = new("The thread uses that much of one core (100 = a full core). The highest values name the threads that eat the CPU; sum per exec or ppid to see whole processes.",
            "The thread was barely running. A thread absent from an epoch was not in the top N, not at zero."),
        ["fpm_mbuf_utilization_percent"] = new("The fast path's packet buffer pool is nearly full; with rising fpports_rx_nombuf_drops_total packets are being lost for lack of buffers.",
            "Buffers to spare."),
        ["fpports_rx_nombuf_drops_total"] = new("Any rate above zero means packets were dropped because no mbuf was free: the mbuf pool is too small for the traffic or buffers are held too long.",
            "Zero rate is the healthy state."),
        ["fpports_rx_missed_packets_total"] = new("A rising rate means the NIC's receive ring overflowed because the fast-path cores did not poll fast enough (too busy or too few cores).",
            "Zero rate is the healthy state."),
        ["fpprxy_query_timeouts_total"] = new("A rising rate means the MSP upstream is not answering in time; it often precedes reconnects (fpprxy_reconnects_total).",
            "Zero rate: the upstream answers in time."),
        ["fpprxy_reconnects_total"] = new("Steps mean the connection to the MSP upstream was re-established: an unstable upstream or network path. Look for timeouts just before.",
            "A flat counter: a stable upstream connection."),
        ["fpdca_non_cacheable_responses_total"] = new("A growing rate lowers cache efficiency: more answers cannot be served from the fast-path cache and go to BIND.",
            "Most responses can be cached."),
        ["dbmpool_cache_misses"] = new("Many misses relative to dbmpool_cache_hits mean the database cache is too small for the working set; reads go to disk.",
            "The working set fits in the cache."),
        ["dbmpool_cache_hits"] = new("Most lookups are served from memory (good), as long as misses stay small relative to hits.",
            "Few lookups, or most of them miss (compare with dbmpool_cache_misses)."),
        ["node_used_percent"] = new("The NUMA node is nearly full; if other nodes have plenty free, memory placement is unbalanced (poor NUMA locality).",
            "The node has free memory."),
        ["buddy_avg_block_bytes"] = new("Free memory comes in large contiguous blocks.",
            "Free memory is fragmented into small blocks; large allocations may fail even with free memory."),
        ["smaps_rss_kb"] = new("The process holds that much RAM; steady growth over the bundle suggests a leak.",
            "A small resident footprint."),
        ["snmp_udp_receive_buffer_errors"] = new("A rising rate means UDP datagrams were dropped because a socket's receive buffer was full: the application (often named) does not read fast enough.",
            "No socket overflow."),
    };

    public static Reading For(string metric, MetricSpec spec)
    {
        if (Overrides.TryGetValue(metric, out var r)) return r;
        var c = spec.Column;
        bool Has(string s) => c.Contains(s, StringComparison.Ordinal);
        var counter = spec.Kind == MetricKind.Counter;
        var how = counter ? "A rising rate (counter_rate)" : spec.Kind == MetricKind.Delta ? "A large count per interval" : "A high value";

        if (Has("drop") || Has("discard") || Has("error") || Has("fail") || Has("timeout") || Has("missed") || Has("not_found")
            || Has("violation") || Has("nombuf") || Has("lost") || Has("hung") || Has("err"))
        {
            return new($"{how} means the problem it counts is happening now; correlate it with traffic and resource metrics at the same time.",
                "Zero (or a flat counter) is the healthy state.");
        }
        if (Has("idle")) return new("Spare capacity.", "Little idle time left: the resource is busy.");
        if (Has("available") || Has("free"))
        {
            return new("Plenty of headroom.", "Running short: check what consumes it and whether it keeps falling.");
        }
        if (Has("latency") || Has("_ms") || Has("service_time"))
        {
            return new("Operations are slow; look for queueing or a saturated resource at the same time.", "Operations complete quickly.");
        }
        if (Has("queue"))
        {
            return new("Work is piling up faster than it is served.", "Work is served as it arrives.");
        }
        if (Has("hits")) return new("More work is served from cache (good when misses stay low).", "Few cache hits: compare with the misses.");
        if (Has("misses")) return new("Many lookups miss the cache; if high relative to hits the cache may be too small.", "Most lookups hit.");
        if (Has("percent") && (Has("busy") || Has("util") || Has("used") || Has("system") || Has("user") || Has("irq")))
        {
            return new("Near 100 the resource is saturated.", "Spare capacity.");
        }
        if (Has("swap")) return new("Swap activity or use: the box is short of RAM.", "No swapping: healthy.");
        if (Has("per_sec") || counter)
        {
            return new($"{how} means more activity; compare with the normal level earlier in the bundle and with capacity.",
                "Little activity; a sudden drop to zero can mean the traffic or the component stopped.");
        }
        if (Has("_kb") || Has("bytes") || Has("mib") || Has("_mb") || Has("pages") || Has("objects"))
        {
            return new("A large footprint; steady growth over the bundle suggests a leak or an undersized limit.", "A small footprint.");
        }
        return new("Higher than its usual level in the same bundle is worth a look: compare with the start of the bundle.",
            "Lower than usual: check whether the component was idle or stopped.");
    }
}
