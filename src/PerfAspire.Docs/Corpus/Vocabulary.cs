namespace PerfAspire.Docs.Corpus;

/// <summary>
/// The words engineers use for what a metric-name token means ("nombuf" -> "out of buffers"). They go into
/// each metric doc's "Also searched as" line, so keyword search meets questions phrased in plain language
/// and the doc tells the reader the same thing.
/// </summary>
public static class Vocabulary
{
    static readonly Dictionary<string, string[]> ByToken = new(StringComparer.Ordinal)
    {
        ["busy"] = ["saturated", "saturation", "how busy", "load", "at capacity"],
        ["utilization"] = ["usage", "busy", "load", "saturated", "how much is used"],
        ["idle"] = ["spare capacity", "headroom", "unused"],
        ["iowait"] = ["waiting for disk", "blocked on I/O", "storage stall", "slow storage"],
        ["user"] = ["user space", "application code"],
        ["system"] = ["kernel time", "system calls", "sys"],
        ["irq"] = ["hardware interrupts", "hardirq", "interrupt load"],
        ["softirq"] = ["soft interrupts", "network receive processing", "ksoftirqd", "kernel packet processing"],
        ["nice"] = ["low priority processes", "niced"],
        ["free"] = ["unused", "headroom", "spare"],
        ["available"] = ["headroom", "left", "remaining"],
        ["cached"] = ["page cache", "file cache"],
        ["buffers"] = ["block buffers"],
        ["slab"] = ["kernel memory", "kernel memory leak", "slabinfo"],
        ["anon"] = ["heap", "process memory", "anonymous memory"],
        ["shm"] = ["shared memory", "System V"],
        ["swap"] = ["swapping", "paging to disk", "memory pressure", "thrashing"],
        ["swapin"] = ["swapping", "memory pressure", "thrashing", "swap activity"],
        ["swapout"] = ["swapping", "memory pressure", "thrashing", "swap activity"],
        ["pgpgin"] = ["paging", "page in", "reading pages from disk"],
        ["pgpgout"] = ["paging", "page out", "writing pages to disk"],
        ["hugepages"] = ["huge pages", "hugetlb", "DPDK memory"],
        ["reads"] = ["read IOPS", "read requests", "disk reads"],
        ["writes"] = ["write IOPS", "write requests", "disk writes"],
        ["read"] = ["reading"],
        ["write"] = ["writing"],
        ["kb"] = ["throughput", "bandwidth", "volume"],
        ["ms"] = ["latency", "response time", "how slow", "await"],
        ["service"] = ["device latency", "svctm", "how slow the device is"],
        ["queue"] = ["queue depth", "backlog", "outstanding requests", "requests waiting", "aqu-sz", "saturation"],
        ["avg"] = ["average", "mean"],
        ["rx"] = ["receive", "received", "inbound", "incoming", "ingress"],
        ["tx"] = ["transmit", "sent", "outbound", "outgoing", "egress"],
        ["packets"] = ["pps", "packet rate", "traffic"],
        ["drops"] = ["packet loss", "lost packets", "discarded", "losing packets", "dropping"],
        ["dropped"] = ["packet loss", "lost packets", "discarded", "losing packets", "dropping"],
        ["discards"] = ["dropped", "discarded", "no buffer space"],
        ["errors"] = ["failures", "faults", "bad packets"],
        ["rss"] = ["resident memory", "memory footprint", "memory leak", "process memory usage"],
        ["vm"] = ["virtual memory", "address space"],
        ["private"] = ["private memory", "owned by the process"],
        ["shared"] = ["shared pages", "shared libraries"],
        ["bucket"] = ["histogram", "latency distribution", "latency percentiles", "p50 p95 p99"],
        ["latency"] = ["how slow", "response time", "delay", "slowness"],
        ["hits"] = ["hit ratio", "cache efficiency", "served from cache"],
        ["misses"] = ["miss ratio", "cache too small", "cache misses"],
        ["evicts"] = ["evictions", "cache pressure", "cache churn"],
        ["dirty"] = ["unwritten", "pending writes", "dirty pages"],
        ["mbufs"] = ["packet buffers", "DPDK buffers", "mbuf pool", "buffer pool"],
        ["mbuf"] = ["packet buffer", "DPDK buffer", "mbuf pool", "buffer pool"],
        ["nombuf"] = ["no buffer", "out of buffers", "lack of buffers", "buffer exhaustion", "mbuf exhaustion", "running out of mbufs"],
        ["missed"] = ["NIC ring overflow", "rx ring full", "imissed", "not polled fast enough"],
        ["timeouts"] = ["timing out", "timed out", "no answer", "slow upstream", "unanswered queries"],
        ["reconnects"] = ["reconnections", "connection flaps", "lost connection to upstream", "unstable upstream"],
        ["msp"] = ["upstream", "MSP service", "forwarder"],
        ["non"] = ["not"],
        ["cacheable"] = ["cache efficiency", "uncacheable", "cannot be cached", "cache bypass"],
        ["hit"] = ["cache hit", "answered from cache"],
        ["bypass"] = ["sent to named", "bypassing the fast path"],
        ["violations"] = ["policy violations", "blocked queries", "policy enforcement"],
        ["subscriber"] = ["subscriber classification", "subscriber match", "client identification"],
        ["edns0"] = ["EDNS", "EDNS0 options", "client subnet", "ECS"],
        ["pcp"] = ["parental control policy", "content filtering"],
        ["wpcp"] = ["web policy", "content filtering"],
        ["blacklist"] = ["blocklist", "denied domains"],
        ["rpz"] = ["response policy zone"],
        ["sessions"] = ["connections", "clients connected"],
        ["active"] = ["current", "concurrent", "open now", "in flight"],
        ["cycles"] = ["CPU cycles", "work done"],
        ["used"] = ["in use", "consumed", "usage"],
        ["order"] = ["fragmentation", "contiguous memory", "high-order allocations"],
        ["block"] = ["fragmentation"],
        ["balloon"] = ["hypervisor memory reclaim", "ballooning", "VM memory squeezed"],
        ["bind"] = ["named", "resolver", "slow path"],
        ["prefetch"] = ["cache refresh", "prefetching"],
        ["failures"] = ["errors", "failed"],
        ["not"] = ["missing", "unknown"],
        ["found"] = ["lookup"],
        ["query"] = ["DNS query", "request"],
        ["queries"] = ["DNS queries", "requests", "QPS", "query rate"],
        ["responses"] = ["DNS answers", "replies"],
        ["aaaa"] = ["IPv6 address records"],
        ["ptr"] = ["reverse lookups"],
        ["cname"] = ["aliases"],
        ["mx"] = ["mail exchanger records"],
        ["svcb"] = ["service binding", "type 64"],
        ["https"] = ["HTTPS records", "type 65"],
        ["datagrams"] = ["UDP packets"],
        ["receive"] = ["rcvbuf", "socket buffer overflow", "UDP drops", "socket receive buffer full"],
        ["send"] = ["sndbuf", "socket send buffer full"],
        ["ports"] = ["no listener", "port unreachable"],
        ["connected"] = ["attached", "linked"],
        ["cores"] = ["CPU cores", "workers"],
        ["seconds"] = ["CPU time", "cumulative time"],
        ["total"] = ["cumulative", "since start"],
        ["nodes"] = ["cluster members"],
        ["peer"] = ["replication partner", "cluster peer"],
        ["requests"] = ["API calls"],
        ["interfaces"] = ["listeners"],
    };

    // How engineers ask for the metrics they ask for most, when the name's tokens alone do not say it.
    static readonly Dictionary<string, string[]> ByMetric = new(StringComparer.Ordinal)
    {
        ["cpu_utilization"] = ["CPU usage", "how busy the CPUs are", "CPU saturated", "CPU bound"],
        ["top_cpu_percent"] = ["which thread uses the CPU", "CPU hog", "busiest thread", "top CPU consumer", "per-thread CPU usage"],
        ["mem_available_percent"] = ["memory pressure", "running out of memory", "low memory", "OOM risk"],
        ["smaps_rss_kb"] = ["which process uses the memory", "memory hog", "biggest memory consumer", "per-process memory usage"],
        ["mem_cached_percent"] = ["page cache size", "file cache size", "how much memory is cache"],
        ["dbwr_bucket_count_total"] = ["database write latency histogram", "write transaction latency percentiles", "database writes per second"],
        ["dbwa_bucket_count_total"] = ["database write wait latency histogram", "write wait percentiles"],
        ["dbrd_bucket_count_total"] = ["database read latency histogram", "read latency percentiles", "database reads per second"],
        ["fps_hit_dns_packets"] = ["queries answered from the cache", "cache hit ratio", "cache efficiency"],
        ["fps_missed_dns_packets"] = ["cache miss ratio", "queries not in the cache"],
        ["fpports_rx_nombuf_drops_total"] = ["packet loss for lack of mbufs", "mbuf exhaustion drops"],
        ["fpprxy_query_timeouts_total"] = ["upstream not answering", "proxy timeouts", "MSP timeouts"],
        ["disk_busy_percent"] = ["disk saturated", "disk utilization", "%util"],
        ["buddy_avg_block_bytes"] = ["memory fragmentation", "fragmented memory"],
        ["imcapi_resp_responses_total"] = ["API failures", "failed subscriber requests", "API errors"],
        ["node_used_percent"] = ["NUMA imbalance", "memory per NUMA node"],
    };

    /// <summary>Plain-language phrases for a metric: its own ones first, then those of its name's tokens.</summary>
    public static IReadOnlyList<string> For(string metric, string column)
    {
        var phrases = new List<string>(ByMetric.GetValueOrDefault(metric) ?? []);
        foreach (var p in ForColumn(column))
        {
            if (!phrases.Contains(p, StringComparer.OrdinalIgnoreCase)) phrases.Add(p);
        }
        return phrases;
    }

    /// <summary>Plain-language phrases for the tokens of a metric column (distinct, in first-seen order).</summary>
    public static IReadOnlyList<string> ForColumn(string column)
    {
        var phrases = new List<string>();
        foreach (var token in column.Split('_', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ByToken.TryGetValue(token, out var words))
            {
                foreach (var w in words)
                {
                    if (!phrases.Contains(w, StringComparer.OrdinalIgnoreCase)) phrases.Add(w);
                }
            }
        }
        return phrases;
    }
}
