using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>CPU, memory, disk and network groups (docs/ptop-format.md §3.1–3.5, §3.10).</summary>
internal static class SystemGroups
{
    static string Jiffies(string field) =>
        $"ptop reads /proc/stat at each sample and prints 100 x (delta of the {field} jiffies) / (delta of all jiffies) for the interval, one decimal.";

    static string MemInfo(string field) =>
        $"100 x {field} / MemTotal from /proc/meminfo at the sample time.";

    static string DiskStats(string what) =>
        $"From the delta of /proc/diskstats fields between two samples divided by the interval: {what}.";

    public static IEnumerable<TableGroup> All()
    {
        yield return G("CPU", "ptops_cpu", "cpu", "cpu", "CPU",
            [L("cpu", "CPU id: 'cpu' for the all-CPU summary line, 'cpuN' for one core.", indexed: true)],
            [
                Gauge("utilization", "percent",
                    "Share of the interval the CPU was busy (neither idle nor waiting for I/O). Sustained values near 100 mean the CPU is saturated; compare per-core lines to spot one hot core.",
                    Jiffies("non-idle, non-iowait") + " Printed after 'u'.", ["cpu_utilization_percent"]),
                Gauge("idle_percent", "percent",
                    "Share of the interval the CPU was idle with no I/O pending. Low idle with low utilization means time went to iowait.",
                    Jiffies("idle") + " First value after 'id/io'."),
                Gauge("iowait_percent", "percent",
                    "Share of the interval the CPU was idle while the I/O it issued was outstanding. High values point at slow or saturated storage, not at CPU shortage.",
                    Jiffies("iowait") + " Second value after 'id/io'."),
                Gauge("user_percent", "percent",
                    "Share of the interval spent running user-space code (named, the fast path, other daemons). High user time means application work.",
                    Jiffies("user") + " First value after 'u/s/n'."),
                Gauge("system_percent", "percent",
                    "Share of the interval spent in the kernel on behalf of processes (system calls, page faults). High system time suggests syscall-heavy work or memory pressure.",
                    Jiffies("system") + " Second value after 'u/s/n'."),
                Gauge("nice_percent", "percent",
                    "Share of the interval spent in user-space code of niced (lowered priority) processes; background work that yields to normal processes.",
                    Jiffies("nice") + " Third value after 'u/s/n'."),
                Gauge("irq_percent", "percent",
                    "Share of the interval spent servicing hardware interrupts. A high value on one core usually means interrupts from a busy NIC are pinned to it.",
                    Jiffies("irq") + " First value after 'irq h/s'.", ["cpu_hardirq_percent"]),
                Gauge("softirq_percent", "percent",
                    "Share of the interval spent in soft interrupts, where the kernel does network receive and transmit processing. High values mean heavy kernel packet handling.",
                    Jiffies("softirq") + " Second value after 'irq h/s'."),
            ],
            "Per-CPU and all-CPU utilisation from /proc/stat: busy, idle, iowait, user, system, nice, hard and soft IRQ, each as percent of the sampling interval. The line labelled 'cpu' is the all-CPU summary; 'cpuN' lines are single cores (absent with -Cs). Busy + idle + iowait is about 100.");

        yield return G("MEM", "ptops_mem", "mem", "memory", "MEM", [],
            [
                Gauge("total_bytes", "bytes", "Total usable RAM of the appliance (MemTotal). Constant during a run; the base of the percent columns.",
                    "MemTotal from /proc/meminfo in bytes; value after 't'."),
                Gauge("free_percent", "percent", "Completely unused memory as percent of MemTotal. Low values alone are normal because Linux fills RAM with cache; judge pressure by available_percent.",
                    MemInfo("MemFree") + " Key 'f'."),
                Gauge("buffers_percent", "percent", "Block-device buffers (filesystem metadata cache) as percent of MemTotal. Reclaimable.",
                    MemInfo("Buffers") + " Key 'b'."),
                Gauge("cached_percent", "percent", "File page cache as percent of MemTotal: file data kept in RAM. Reclaimable; shrinks when applications need memory.",
                    MemInfo("Cached") + " Key 'c'."),
                Gauge("slab_percent", "percent", "Kernel slab allocations (dentries, inodes, network buffers) as percent of MemTotal. Steady growth can mean a kernel leak; see the SLAB group for the culprit cache.",
                    MemInfo("Slab") + " Key 's'."),
                Gauge("anon_percent", "percent", "Anonymous memory (process heaps and stacks, not backed by files) as percent of MemTotal. Growth over hours points at a leaking process; see SMAPS.",
                    MemInfo("AnonPages") + " Key 'a' (lower case)."),
                Gauge("sysv_shm_percent", "percent", "Shared memory (System V and tmpfs) as percent of MemTotal. Not reclaimable without freeing the segments.",
                    MemInfo("Shmem") + " Key 'sh'."),
                Gauge("swap_used_percent", "percent", "Used swap as percent of total swap. Any sustained use on an appliance means memory pressure pushed pages out.",
                    "100 x (SwapTotal - SwapFree) / SwapTotal from /proc/meminfo; first value after 'sw'."),
                Gauge("swap_total_bytes", "bytes", "Configured swap size in bytes. Zero means the appliance runs without swap.",
                    "SwapTotal from /proc/meminfo in bytes; second value after 'sw'."),
                Gauge("hugepages_total", "pages", "Huge pages reserved (the DPDK fast path keeps its packet memory in huge pages).",
                    "HugePages_Total from /proc/meminfo; first value after 'h'."),
                Gauge("hugepages_free", "pages", "Reserved huge pages not in use. Near zero is normal once the fast path has mapped its pool.",
                    "HugePages_Free from /proc/meminfo; second value after 'h'."),
                Gauge("available_percent", "percent", "MemAvailable as percent of MemTotal: memory that can still be allocated without swapping (free plus reclaimable cache). Below about 10 means real memory pressure.",
                    MemInfo("MemAvailable") + " Key 'A' (upper case)."),
                Rate("pgpgin_per_sec", "pages/s", "Pages read in from disk per second (file reads and swap-ins). Bursts with high iowait mean the box is reading from storage.",
                    "Delta of pgpgin in /proc/vmstat divided by the interval; first value after 'pio'. Absent (NULL) on the first sample of a run."),
                Rate("pgpgout_per_sec", "pages/s", "Pages written out to disk per second (dirty file pages and swap-outs).",
                    "Delta of pgpgout in /proc/vmstat divided by the interval; second value after 'pio'. Absent (NULL) on the first sample."),
                Rate("swapin_per_sec", "ops/s", "Pages swapped in per second. Non-zero means processes touch memory that was pushed to swap: the box is short of RAM.",
                    "Delta of pswpin in /proc/vmstat divided by the interval; first value after 'sio'. Absent (NULL) on the first sample."),
                Rate("swapout_per_sec", "ops/s", "Pages swapped out per second. Non-zero means the kernel is evicting anonymous memory to make room.",
                    "Delta of pswpout in /proc/vmstat divided by the interval; second value after 'sio'. Absent (NULL) on the first sample."),
            ],
            "System memory from /proc/meminfo and /proc/vmstat: total RAM, free and available memory, cache, buffers, slab, anonymous and shared memory, swap, huge pages and paging rates. Percentages are of MemTotal. Start with available_percent for pressure and swapin_per_sec for actual shortage.");

        yield return G("DISK", "ptops_disk", "disk", "disk", "DISK",
            [L("device", "Block device name (sda, nvme0n1, dm-0).", indexed: true), L("disk_index", "ptop's index of the device in /proc/diskstats.")],
            [
                Rate("reads_per_sec", "ops/s", "Read requests completed per second by the device.",
                    DiskStats("reads completed") + " First value after 'rkxt'."),
                Rate("read_kb_per_sec", "KiB/s", "KiB read per second. Compare with reads_per_sec to see the request size.",
                    DiskStats("sectors read x 512 / 1024") + " Second value after 'rkxt'.", ["disk_read_kib_per_sec"]),
                Gauge("read_avg_kb", "KiB", "Average size of a read request in the interval. Small sizes with high rates mean random I/O.",
                    "read_kb_per_sec / reads_per_sec for the interval; third value after 'rkxt'."),
                Gauge("read_avg_ms", "ms", "Average time a read took from issue to completion, queueing included. Tens of milliseconds on SSD-backed appliances means the device or its queue is overloaded.",
                    "Delta of time spent reading / reads completed; fourth value after 'rkxt'."),
                Rate("writes_per_sec", "ops/s", "Write requests completed per second by the device.",
                    DiskStats("writes completed") + " First value after 'wkxt'."),
                Rate("write_kb_per_sec", "KiB/s", "KiB written per second. Database checkpoints and log rotation show up as bursts here.",
                    DiskStats("sectors written x 512 / 1024") + " Second value after 'wkxt'.", ["disk_write_kib_per_sec"]),
                Gauge("write_avg_kb", "KiB", "Average size of a write request in the interval.",
                    "write_kb_per_sec / writes_per_sec for the interval; third value after 'wkxt'."),
                Gauge("write_avg_ms", "ms", "Average time a write took from issue to completion, queueing included. High values stall processes that fsync (the database).",
                    "Delta of time spent writing / writes completed; fourth value after 'wkxt'."),
                Gauge("service_time_ms", "ms", "Average time the device itself spent per request, without queueing. If it stays low while read/write latency climbs, requests wait in the queue.",
                    "Delta of io_ticks / (reads + writes completed); first value after 'sqb'."),
                Gauge("avg_queue_len", "requests", "Average number of requests queued or in service. A large queue with modest service time means demand above the device's capacity.",
                    "Delta of weighted time in queue / interval; second value after 'sqb'."),
                Gauge("busy_percent", "percent", "Share of the interval the device had at least one request in flight (capped at 100). Near 100 means saturated for a single-queue disk; NVMe can do more at 100.",
                    "100 x delta of io_ticks / interval, capped at 100; third value after 'sqb'."),
            ],
            "Block device I/O from /proc/diskstats: request rates, throughput, request sizes, latency, service time, queue length and busy percent per device. Lines only exist for devices with I/O in the interval, so a missing device means idle, not missing data.");

        yield return G("NET", "ptops_net", "net", "network", "NET",
            [L("interface", "Network interface name (eth0, bond0, ...).", indexed: true)],
            [
                Rate("rx_packets_per_sec", "packets/s", "Packets received per second on the interface (kernel interfaces; fast-path ports are in FPPORTS).",
                    "Delta of rx_packets from /proc/net/dev divided by the interval; first value after 'rk'.", ["net_rk_packets_per_sec"]),
                Rate("rx_kb_per_sec", "KiB/s", "KiB received per second on the interface.",
                    "Delta of rx_bytes / 1024 divided by the interval; second value after 'rk'.", ["net_rk_kib_per_sec"]),
                Rate("tx_packets_per_sec", "packets/s", "Packets transmitted per second on the interface.",
                    "Delta of tx_packets divided by the interval; first value after 'tk'.", ["net_tk_packets_per_sec"]),
                Rate("tx_kb_per_sec", "KiB/s", "KiB transmitted per second on the interface.",
                    "Delta of tx_bytes / 1024 divided by the interval; second value after 'tk'.", ["net_tk_kib_per_sec"]),
                Rate("rx_drops_per_sec", "packets/s", "Received packets dropped per second. Non-zero points at receive ring or socket buffer exhaustion; check softirq_percent and SNMP.Udp buffer errors.",
                    "Delta of rx_drop divided by the interval; value after 'rd'.", ["net_rd_drops_per_sec"]),
                Rate("tx_drops_per_sec", "packets/s", "Transmit packets dropped per second (queue full or link down).",
                    "Delta of tx_drop divided by the interval; value after 'td'.", ["net_td_drops_per_sec"]),
            ],
            "Per-interface packet and byte rates and drops from /proc/net/dev deltas. An interface with no packets in the interval is not printed, so a missing interface means silent, not missing data. Cumulative counters for every interface are in NET ifstat.");

        yield return G("NET ifstat", "ptops_net_ifstat", "net", "network", "NET",
            [L("interface", "Network interface name (eth0, bond0, ...).", indexed: true)],
            [
                Counter("rx_packets_total", "packets", "Packets received on the interface since boot. Use counter_rate for packets per second.",
                    "rx_packets from /proc/net/dev as printed; first value after 'ifstat<iface>'."),
                Counter("rx_bytes_total", "bytes", "Bytes received on the interface since boot.",
                    "rx_bytes from /proc/net/dev; second value."),
                Counter("tx_packets_total", "packets", "Packets transmitted on the interface since boot.",
                    "tx_packets from /proc/net/dev; third value."),
                Counter("tx_bytes_total", "bytes", "Bytes transmitted on the interface since boot.",
                    "tx_bytes from /proc/net/dev; fourth value."),
                Counter("rx_dropped_packets_total", "packets", "Received packets dropped since boot. Its rate rising means receive buffers overflow.",
                    "rx_drop from /proc/net/dev; fifth value."),
                Counter("tx_dropped_packets_total", "packets", "Transmit packets dropped on the interface since boot (queue full or link down).",
                    "tx_drop from /proc/net/dev; sixth value."),
            ],
            "Per-interface cumulative counters since boot, printed for every interface every epoch (NET ifstat<iface>, the name glued to 'ifstat'). A counter going down means the interface or the box was reset.");

        yield return G("NODE", "ptops_node", "node", "memory", "MEM",
            [L("node", "NUMA node number.")],
            [
                Gauge("total_bytes", "bytes", "Memory attached to the NUMA node, in bytes; constant during a run.",
                    "MemTotal of /sys/devices/system/node/node<N>/meminfo in bytes; value after 't'."),
                Gauge("free_percent", "percent", "Free memory of the node as percent of its total. One node near zero while others have room means allocations are not spread.",
                    "100 x MemFree / MemTotal of the node; value after 'f'."),
                Gauge("used_percent", "percent", "Used memory of the node as percent of its total. A big imbalance between nodes means poor NUMA locality and remote memory access.",
                    "100 - free_percent; value after 'u'."),
            ],
            "Per-NUMA-node memory totals and usage from /sys/devices/system/node. Useful on multi-socket appliances to spot one node running out while another is free.");

        var buddy = new List<MetricSpec>
        {
            Gauge("total_free_bytes", "bytes", "Free memory in the zone of the node, in bytes, summed over all block orders.",
                "Sum over orders of free blocks x block size, from /proc/buddyinfo; value after 't'."),
            Gauge("avg_block_bytes", "bytes", "Average size of a free block in the zone. Small averages with plenty of free memory mean fragmentation.",
                "total_free_bytes / number of free blocks; value after 'a'."),
        };
        for (var order = 0; order <= 10; order++)
        {
            buddy.Add(Gauge($"free_blocks_order_{order}", "blocks",
                $"Free blocks of order {order} ({4 << order} KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.",
                $"Column {order} of the zone's row in /proc/buddyinfo; value {order + 1} after 'b'."));
        }
        yield return G("BUDDY", "ptops_buddy", "buddy", "memory", "MEM",
            [L("node", "NUMA node number."), L("zone", "Memory zone (DMA, DMA32, Normal).")],
            [.. buddy],
            "Buddy allocator free lists per node and zone from /proc/buddyinfo: free memory, average free block size and free blocks per order (order n = 4 KiB x 2^n). More orders may appear on some kernels and become new columns at load time.",
            extensible: true);

        yield return G("SLAB", "ptops_slab", "slab", "memory", "MEM",
            [L("cache", "Kernel slab cache name.", indexed: true)],
            [
                Gauge("active_objects", "objects", "Objects in use in the slab cache. A cache whose count only grows points at a kernel-side leak (for example dentries or socket buffers).",
                    "active_objs column of /proc/slabinfo; first value after the cache name."),
                Gauge("total_objects", "objects", "Objects allocated in the slab cache, used or not.",
                    "num_objs column of /proc/slabinfo; second value."),
                Gauge("memory_mib", "MiB", "Memory held by the slab cache. The largest caches explain a high mem_slab_percent.",
                    "num_slabs x pages per slab x page size, in MiB; value after 'mb'."),
                Gauge("waste_percent", "percent", "Allocated but unused share of the cache's memory.",
                    "100 x (total - active objects) x object size / cache memory; value after 'w'."),
            ],
            "The largest kernel slab caches from /proc/slabinfo: objects in use and allocated, memory and waste. Explains where kernel memory (mem_slab_percent) goes.");

        yield return G("BALLOON", "ptops_balloon", "balloon", "memory", "MEM", [],
            [Gauge("memory_mb", "MB", "Memory taken back from the virtual appliance by the hypervisor's balloon driver. Non-zero means the host is short of memory and is squeezing this VM; expect cache shrinkage and swapping.",
                "Current balloon size reported by the balloon driver, in MB; the only value on the line.")],
            "Hypervisor balloon driver size; the line is only printed when the balloon is non-zero, so no rows means no ballooning.");

        yield return G("UDP", "ptops_udp", "udp", "network", "NET",
            [
                L("local_address", "Local IP address of the socket."), L("local_port", "Local UDP port.", indexed: true),
                L("remote_address", "Remote IP address (0.0.0.0 when unconnected)."), L("remote_port", "Remote port."),
                L("inode", "Socket inode; identifies the socket."),
            ],
            [
                Gauge("rx_queue_bytes", "bytes", "Bytes waiting in the socket's receive queue. Growth means the application (named on port 53) does not read fast enough; drops follow when the buffer fills.",
                    "rx_queue field of /proc/net/udp at the sample time; first value after 'rq/tq'."),
                Gauge("tx_queue_bytes", "bytes", "Bytes waiting in the socket's transmit queue.",
                    "tx_queue field of /proc/net/udp; second value after 'rq/tq'."),
                Delta("drops", "packets", "Datagrams dropped by the socket in the interval because its receive buffer was full. Sum it over time; any non-zero value means lost queries.",
                    "Delta of the drops field of /proc/net/udp since the previous sample (the absolute count on a socket's first line); value after 'd'."),
            ],
            "UDP sockets from /proc/net/udp with receive/transmit queue sizes and drops, identified by local and remote address and port and the socket inode.");

        yield return G("SNMP.Ip", "ptops_snmp_ip", "snmp_ip", "network", "NET", [],
            [
                Rate("in_receives_per_sec", "packets/s", "IP datagrams received per second by the kernel, all interfaces.",
                    "Delta of Ip InReceives in /proc/net/snmp divided by the interval; first value after 'rx/del/dis'."),
                Rate("delivered_per_sec", "packets/s", "IP datagrams delivered to upper layers (UDP, TCP, ICMP) per second.",
                    "Delta of Ip InDelivers divided by the interval; second value after 'rx/del/dis'."),
                Rate("in_discards_per_sec", "packets/s", "Received IP datagrams discarded per second for lack of buffer space. Non-zero means the kernel drops traffic before any socket sees it.",
                    "Delta of Ip InDiscards divided by the interval; third value after 'rx/del/dis'."),
                Rate("out_requests_per_sec", "packets/s", "IP datagrams handed to IP for transmission per second.",
                    "Delta of Ip OutRequests divided by the interval; first value after 'tx/dis'."),
                Rate("out_discards_per_sec", "packets/s", "Outgoing IP datagrams discarded per second (no buffer space).",
                    "Delta of Ip OutDiscards divided by the interval; second value after 'tx/dis'."),
                Counter("header_errors", "packets", "IP datagrams discarded for header errors since boot. A rising rate suggests corrupted or malicious traffic.",
                    "Ip InHdrErrors from /proc/net/snmp as printed; first value after 'rh/ra/rp'."),
                Counter("address_errors", "packets", "IP datagrams discarded because the destination address was invalid for this host, since boot.",
                    "Ip InAddrErrors from /proc/net/snmp; second value after 'rh/ra/rp'."),
                Counter("unknown_protocol", "packets", "IP datagrams for an unknown or unsupported protocol, since boot.",
                    "Ip InUnknownProtos from /proc/net/snmp; third value after 'rh/ra/rp'."),
            ],
            "Kernel IP statistics from /proc/net/snmp: datagrams received, delivered and sent per second, discards, and cumulative error counters.");

        yield return G("SNMP.Udp", "ptops_snmp_udp", "snmp_udp", "network", "NET", [],
            [
                Rate("in_datagrams_per_sec", "datagrams/s", "UDP datagrams delivered to sockets per second (DNS queries arriving through the kernel path).",
                    "Delta of Udp InDatagrams in /proc/net/snmp divided by the interval; first value after 'rx/re'."),
                Rate("out_datagrams_per_sec", "datagrams/s", "UDP datagrams sent per second by the kernel (DNS answers through the kernel path).",
                    "Delta of Udp OutDatagrams divided by the interval; first value after 'tx/te'."),
                Counter("receive_buffer_errors", "datagrams", "Datagrams dropped because a socket receive buffer was full, since boot. A rising rate means an application cannot keep up with its traffic.",
                    "Udp RcvbufErrors from /proc/net/snmp; second value after 'rx/re'."),
                Counter("send_buffer_errors", "datagrams", "Datagrams dropped because a socket send buffer was full, since boot.",
                    "Udp SndbufErrors from /proc/net/snmp; second value after 'tx/te'."),
                Counter("no_ports", "datagrams", "Datagrams to a port with no listener, since boot. A jump can mean named was down or restarting.",
                    "Udp NoPorts from /proc/net/snmp; value after 'np'."),
                Counter("in_errors", "datagrams", "UDP datagrams that could not be delivered (checksum or buffer errors), since boot.",
                    "Udp InErrors from /proc/net/snmp; value after 'ie'."),
            ],
            "Kernel UDP statistics from /proc/net/snmp: datagram rates in and out and cumulative error counters (buffer overflows, no listener, input errors).");
    }
}
