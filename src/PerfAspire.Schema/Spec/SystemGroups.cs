using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>CPU, memory, disk and network groups (ptop-format.md §3.1–3.5, §3.10).</summary>
internal static class SystemGroups
{
    const string Jiffies = "Percent of the interval's jiffies from /proc/stat deltas between two samples.";

    public static IEnumerable<TableGroup> All()
    {
        yield return G("CPU", "ptops_cpu", "cpu", "cpu", "CPU",
            [L("cpu", "CPU id: 'cpu' for the all-CPU summary line, 'cpuN' for one core.", indexed: true)],
            [
                Gauge("utilization", "percent", "Share of the interval the CPU was busy (not idle and not waiting for I/O). Sustained values near 100 mean the CPU is saturated.", Jiffies, ["cpu_utilization_percent"]),
                Gauge("idle_percent", "percent", "Share of the interval the CPU was idle with no I/O pending.", Jiffies),
                Gauge("iowait_percent", "percent", "Share of the interval the CPU was idle while I/O was outstanding; high values point at slow storage.", Jiffies),
                Gauge("user_percent", "percent", "Share of the interval spent running user-space code.", Jiffies),
                Gauge("system_percent", "percent", "Share of the interval spent in the kernel on behalf of processes (system calls).", Jiffies),
                Gauge("nice_percent", "percent", "Share of the interval spent in user-space code of niced (low priority) processes.", Jiffies),
                Gauge("irq_percent", "percent", "Share of the interval spent servicing hardware interrupts.", Jiffies, ["cpu_hardirq_percent"]),
                Gauge("softirq_percent", "percent", "Share of the interval spent in soft interrupts (network receive processing lands here).", Jiffies),
            ],
            "Per-CPU and all-CPU utilisation from /proc/stat: busy, idle, iowait, user, system, nice, hard and soft IRQ, as percent of each interval. With -Cs only the summary line 'cpu' exists.");

        yield return G("MEM", "ptops_mem", "mem", "memory", "MEM", [],
            [
                Gauge("total_bytes", "bytes", "Total usable RAM (MemTotal)."),
                Gauge("free_percent", "percent", "Free memory as percent of MemTotal; low alone is normal (cache), look at available_percent."),
                Gauge("buffers_percent", "percent", "Block-device buffers as percent of MemTotal."),
                Gauge("cached_percent", "percent", "File page cache as percent of MemTotal."),
                Gauge("slab_percent", "percent", "Kernel slab allocations as percent of MemTotal; growth can mean a kernel leak."),
                Gauge("anon_percent", "percent", "Anonymous (process heap/stack) memory as percent of MemTotal."),
                Gauge("sysv_shm_percent", "percent", "System V shared memory as percent of MemTotal."),
                Gauge("swap_used_percent", "percent", "Used swap as percent of swap total; any sustained use on an appliance means memory pressure."),
                Gauge("swap_total_bytes", "bytes", "Configured swap size."),
                Gauge("hugepages_total", "pages", "Configured huge pages."),
                Gauge("hugepages_free", "pages", "Huge pages not in use."),
                Gauge("available_percent", "percent", "MemAvailable as percent of MemTotal: what can still be allocated without swapping. Low values mean memory pressure."),
                Rate("pgpgin_per_sec", "pages/s", "Pages paged in from disk per second.", "Absent on the first sample."),
                Rate("pgpgout_per_sec", "pages/s", "Pages paged out to disk per second.", "Absent on the first sample."),
                Rate("swapin_per_sec", "ops/s", "Pages swapped in per second; non-zero means the box is short of RAM.", "Absent on the first sample."),
                Rate("swapout_per_sec", "ops/s", "Pages swapped out per second.", "Absent on the first sample."),
            ],
            "System memory from /proc/meminfo and /proc/vmstat: totals, free/available, cache, slab, anon, shared memory, swap, huge pages and paging rates.");

        yield return G("DISK", "ptops_disk", "disk", "disk", "DISK",
            [L("device", "Block device name (sda, nvme0n1, dm-0).", indexed: true), L("disk_index", "ptop's index of the device in /proc/diskstats.")],
            [
                Rate("reads_per_sec", "ops/s", "Read requests completed per second."),
                Rate("read_kb_per_sec", "KiB/s", "KiB read per second.", aliases: ["disk_read_kib_per_sec"]),
                Gauge("read_avg_kb", "KiB", "Average size of a read request."),
                Gauge("read_avg_ms", "ms", "Average time a read took, queueing included."),
                Rate("writes_per_sec", "ops/s", "Write requests completed per second."),
                Rate("write_kb_per_sec", "KiB/s", "KiB written per second.", aliases: ["disk_write_kib_per_sec"]),
                Gauge("write_avg_kb", "KiB", "Average size of a write request."),
                Gauge("write_avg_ms", "ms", "Average time a write took, queueing included."),
                Gauge("service_time_ms", "ms", "Average device service time per request (without queueing)."),
                Gauge("avg_queue_len", "requests", "Average number of requests queued or in service. A large queue with modest service time means demand above the device's capacity."),
                Gauge("busy_percent", "percent", "Share of the interval the device had I/O in flight (capped at 100). Near 100 = saturated."),
            ],
            "Block device I/O from /proc/diskstats: request rates, throughput, request sizes, latency, service time, queue length and busy percent. Lines only exist for devices with I/O in the interval (absence = idle).");

        yield return G("NET", "ptops_net", "net", "network", "NET",
            [L("interface", "Network interface name (eth0, bond0, ...).", indexed: true)],
            [
                Rate("rx_packets_per_sec", "packets/s", "Packets received per second.", aliases: ["net_rk_packets_per_sec"]),
                Rate("rx_kb_per_sec", "KiB/s", "KiB received per second.", aliases: ["net_rk_kib_per_sec"]),
                Rate("tx_packets_per_sec", "packets/s", "Packets transmitted per second.", aliases: ["net_tk_packets_per_sec"]),
                Rate("tx_kb_per_sec", "KiB/s", "KiB transmitted per second.", aliases: ["net_tk_kib_per_sec"]),
                Rate("rx_drops_per_sec", "packets/s", "Received packets dropped per second; non-zero points at ring/buffer exhaustion.", aliases: ["net_rd_drops_per_sec"]),
                Rate("tx_drops_per_sec", "packets/s", "Transmit packets dropped per second.", aliases: ["net_td_drops_per_sec"]),
            ],
            "Per-interface packet and byte rates and drops from /proc/net/dev deltas. Suppressed for interfaces with no packets in the interval.");

        yield return G("NET ifstat", "ptops_net_ifstat", "net", "network", "NET",
            [L("interface", "Network interface name (eth0, bond0, ...).", indexed: true)],
            [
                Counter("rx_packets_total", "packets", "Packets received since boot."),
                Counter("rx_bytes_total", "bytes", "Bytes received since boot."),
                Counter("tx_packets_total", "packets", "Packets transmitted since boot."),
                Counter("tx_bytes_total", "bytes", "Bytes transmitted since boot."),
                Counter("rx_dropped_packets_total", "packets", "Received packets dropped since boot."),
                Counter("tx_dropped_packets_total", "packets", "Transmit packets dropped since boot."),
            ],
            "Per-interface cumulative counters since boot, printed for every interface every epoch (NET ifstat<iface>).");

        yield return G("NODE", "ptops_node", "node", "memory", "MEM",
            [L("node", "NUMA node number.")],
            [
                Gauge("total_bytes", "bytes", "Memory attached to the NUMA node."),
                Gauge("free_percent", "percent", "Free memory of the node as percent of its total."),
                Gauge("used_percent", "percent", "Used memory of the node as percent of its total. A big imbalance between nodes means poor NUMA locality."),
            ],
            "Per-NUMA-node memory totals and usage.");

        var buddy = new List<MetricSpec>
        {
            Gauge("total_free_bytes", "bytes", "Free memory in the zone."),
            Gauge("avg_block_bytes", "bytes", "Average free block size in the zone; small values mean fragmentation."),
        };
        for (var order = 0; order <= 10; order++)
        {
            buddy.Add(Gauge($"free_blocks_order_{order}", "blocks", $"Free blocks of order {order} ({4 << order} KiB each). Low high-order counts with plenty of free memory = fragmentation."));
        }
        yield return G("BUDDY", "ptops_buddy", "buddy", "memory", "MEM",
            [L("node", "NUMA node number."), L("zone", "Memory zone (DMA, DMA32, Normal).")],
            [.. buddy],
            "Buddy allocator free lists per node and zone from /proc/buddyinfo: free memory, average block size and free blocks per order. More orders may appear and become new columns.",
            extensible: true);

        yield return G("SLAB", "ptops_slab", "slab", "memory", "MEM",
            [L("cache", "Kernel slab cache name.", indexed: true)],
            [
                Gauge("active_objects", "objects", "Objects in use in the slab cache."),
                Gauge("total_objects", "objects", "Objects allocated in the slab cache."),
                Gauge("memory_mib", "MiB", "Memory held by the slab cache."),
                Gauge("waste_percent", "percent", "Allocated but unused share of the cache."),
            ],
            "Largest kernel slab caches from /proc/slabinfo.");

        yield return G("BALLOON", "ptops_balloon", "balloon", "memory", "MEM", [],
            [Gauge("memory_mb", "MB", "Memory taken back by the hypervisor's balloon driver; non-zero means the VM is being squeezed.")],
            "Hypervisor balloon driver size; only printed when non-zero.");

        yield return G("UDP", "ptops_udp", "udp", "network", "NET",
            [
                L("local_address", "Local IP address of the socket."), L("local_port", "Local UDP port.", indexed: true),
                L("remote_address", "Remote IP address (0.0.0.0 when unconnected)."), L("remote_port", "Remote port."),
                L("inode", "Socket inode; identifies the socket."),
            ],
            [
                Gauge("rx_queue_bytes", "bytes", "Bytes waiting in the socket's receive queue; growth means the application does not read fast enough."),
                Gauge("tx_queue_bytes", "bytes", "Bytes waiting in the socket's transmit queue."),
                Delta("drops", "packets", "Datagrams dropped by the socket in the interval (absolute on a socket's first line)."),
            ],
            "UDP sockets from /proc/net/udp with queue sizes and drops.");

        yield return G("SNMP.Ip", "ptops_snmp_ip", "snmp_ip", "network", "NET", [],
            [
                Rate("in_receives_per_sec", "packets/s", "IP datagrams received per second."),
                Rate("delivered_per_sec", "packets/s", "IP datagrams delivered to upper layers per second."),
                Rate("in_discards_per_sec", "packets/s", "Received IP datagrams discarded per second (no buffer space)."),
                Rate("out_requests_per_sec", "packets/s", "IP datagrams sent per second."),
                Rate("out_discards_per_sec", "packets/s", "Outgoing IP datagrams discarded per second."),
                Counter("header_errors", "packets", "IP datagrams with header errors."),
                Counter("address_errors", "packets", "IP datagrams with invalid destination addresses."),
                Counter("unknown_protocol", "packets", "IP datagrams with an unknown protocol."),
            ],
            "IP protocol statistics from /proc/net/snmp.");

        yield return G("SNMP.Udp", "ptops_snmp_udp", "snmp_udp", "network", "NET", [],
            [
                Rate("in_datagrams_per_sec", "datagrams/s", "UDP datagrams received per second."),
                Rate("out_datagrams_per_sec", "datagrams/s", "UDP datagrams sent per second."),
                Counter("receive_buffer_errors", "datagrams", "Datagrams dropped because a socket receive buffer was full; rising = the application cannot keep up."),
                Counter("send_buffer_errors", "datagrams", "Datagrams dropped because a send buffer was full."),
                Counter("no_ports", "datagrams", "Datagrams to a port with no listener."),
                Counter("in_errors", "datagrams", "UDP datagrams received with errors."),
            ],
            "UDP protocol statistics from /proc/net/snmp.");
    }
}
