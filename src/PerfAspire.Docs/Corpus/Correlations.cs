namespace PerfAspire.Docs.Corpus;

/// <summary>
/// Metrics that explain each other when read together. Each set is one section of the
/// <c>concept:troubleshooting-correlations</c> doc; metric docs list their partners and link there.
/// </summary>
public static class Correlations
{
    public sealed record Set(string Title, string Explanation, IReadOnlyList<string> Metrics);

    public static readonly IReadOnlyList<Set> All =
    [
        new("mbuf utilisation vs nombuf drops",
            "A full mbuf pool (fpm_mbuf_utilization_percent near 100, fpm_mbufs_available near 0) together with a rising rate of fpports_rx_nombuf_drops_total means the pool is too small for the traffic: packets are lost before the fast path sees them.",
            ["fpm_mbuf_utilization_percent", "fpm_mbufs_available", "fpm_mbufs_in_use", "fpports_rx_nombuf_drops_total", "fpports_rx_missed_packets_total"]),
        new("proxy timeouts before reconnects",
            "When the MSP upstream becomes unstable, the rate of fpprxy_query_timeouts_total rises first, fpprxy_active_queries piles up, and fpprxy_reconnects_total steps up shortly after. Late answers then show as fpprxy_response_txid_not_found_total.",
            ["fpprxy_query_timeouts_total", "fpprxy_reconnects_total", "fpprxy_active_queries", "fpprxy_response_txid_not_found_total", "fpprxy_connected_cores"]),
        new("non-cacheable responses vs cache efficiency",
            "Growth of fpdca_non_cacheable_responses_total lowers the cache hit share: fps_hit_dns_packets falls relative to fps_missed_dns_packets and more queries go to BIND (fpdca_queries_passed_to_bind_total).",
            ["fpdca_non_cacheable_responses_total", "fps_hit_dns_packets", "fps_missed_dns_packets", "fpdca_queries_passed_to_bind_total", "fps_bypass_dns_packets"]),
        new("policy tightening vs traffic shifts",
            "A jump in violations (fpvlstats_fastpath_violations_total, fpvlstats_named_violations_total) with flat query volume means the policy got stricter; a jump together with more queries (fps_incoming_dns_packets) is just more traffic.",
            ["fpvlstats_fastpath_violations_total", "fpvlstats_named_violations_total", "fpvlstats_fastpath_blacklist_queries_total", "fps_incoming_dns_packets"]),
        new("subscriber coverage",
            "The share of queries tied to a subscriber (fpdncr_subscriber_hits_total against all incoming queries) tells whether policy can apply; many fpdncr_non_edns0_queries_total means clients send no ids.",
            ["fpdncr_subscriber_hits_total", "fpdncr_non_edns0_queries_total", "fpdncr_edns0_with_localid_total", "fpdncr_subscriber_ipv4_prefix_hits_total", "fps_incoming_dns_packets"]),
        new("disk saturation: queue vs service time",
            "disk_busy_percent near 100 with a long disk_avg_queue_len but modest disk_service_time_ms means more demand than the device can take; a high service time with a short queue means the device itself is slow. cpu_iowait_percent rises with either.",
            ["disk_busy_percent", "disk_avg_queue_len", "disk_service_time_ms", "disk_write_avg_ms", "disk_read_avg_ms", "cpu_iowait_percent"]),
        new("NUMA imbalance",
            "One NUMA node with node_used_percent near 100 while another has plenty free means poor locality: allocations on the full node spill to the remote one, or fail for node-bound allocators (DPDK).",
            ["node_used_percent", "node_free_percent", "node_total_bytes"]),
        new("buddy fragmentation",
            "Plenty of free memory (buddy_total_free_bytes) but near-zero high-order free blocks (buddy_free_blocks_order_9, buddy_free_blocks_order_10) and a small buddy_avg_block_bytes means fragmentation: large contiguous allocations fail although memory is free.",
            ["buddy_free_blocks_order_10", "buddy_free_blocks_order_9", "buddy_avg_block_bytes", "buddy_total_free_bytes"]),
        new("DB cache misses vs hits",
            "dbmpool_cache_misses high relative to dbmpool_cache_hits, with pages read in (dbmpool_pages_in) and evictions rising, means the database cache is too small for the working set; database read latency (dbrd_bucket_count_total in slow buckets) follows.",
            ["dbmpool_cache_misses", "dbmpool_cache_hits", "dbmpool_pages_in", "dbmpool_ro_evicts", "dbmpool_cache_size_mib", "dbrd_bucket_count_total"]),
        new("fast path CPU vs missed packets",
            "Fast-path cores are poll-mode: the OS shows them at 100%. fpc_cpu_busy_percent shows the real work; when it nears 100 or fpc_cycles_per_packet jumps, the NIC ring overflows and fpports_rx_missed_packets_total rises.",
            ["fpc_cpu_busy_percent", "fpc_cycles_per_packet", "fpports_rx_missed_packets_total", "fpports_rx_packets_total"]),
        new("kernel receive drops",
            "For traffic handled by the kernel (named, management), net_rx_drops_per_sec, snmp_udp_receive_buffer_errors and per-socket udp_drops rising with cpu_softirq_percent point at receive processing or a socket that is not read fast enough (udp_rx_queue_bytes grows).",
            ["net_rx_drops_per_sec", "snmp_udp_receive_buffer_errors", "udp_drops", "udp_rx_queue_bytes", "cpu_softirq_percent", "snmp_ip_in_discards_per_sec"]),
        new("memory pressure",
            "Falling mem_available_percent followed by swapping (mem_swapin_per_sec, mem_swapout_per_sec, mem_swap_used_percent) means real memory pressure; find the process with growing smaps_rss_kb. Kernel growth shows in mem_slab_percent and slab_memory_mib.",
            ["mem_available_percent", "mem_swapin_per_sec", "mem_swapout_per_sec", "mem_swap_used_percent", "smaps_rss_kb", "mem_slab_percent", "slab_memory_mib"]),
        new("who uses the CPU",
            "cpu_utilization tells whether the box is busy; top_cpu_percent (per thread, summed per exec or ppid) tells who. Time in cpu_system_percent or cpu_softirq_percent points at the kernel and network processing rather than an application.",
            ["cpu_utilization", "top_cpu_percent", "cpu_system_percent", "cpu_softirq_percent", "cpu_user_percent"]),
    ];

    /// <summary>The correlation sets a metric takes part in.</summary>
    public static IEnumerable<Set> For(string metric) => All.Where(s => s.Metrics.Contains(metric, StringComparer.Ordinal));
}
