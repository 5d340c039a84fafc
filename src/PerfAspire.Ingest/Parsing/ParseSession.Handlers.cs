using System.Text;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

/// <summary>The prefix table: which reader and which spec layout each ptop prefix goes to (docs/ptop-format.md §3).</summary>
internal sealed partial class ParseSession
{
    LineHandler _net = null!;
    LineHandler _netIfstat = null!;
    LineHandler _imcdrFrr = null!;
    LineHandler _imcdrFrs = null!;

    TableLayout Layout(string recordGroup)
        => _registry.ByRecordGroup(recordGroup) ?? throw new InvalidOperationException($"The schema spec has no record group {recordGroup}.");

    /// <summary>Key → column index for key/value groups: the printed key (SourceKey) and the column name both resolve.</summary>
    static ByteKeyMap<int> KeyIndex(TableLayout layout)
    {
        var map = new ByteKeyMap<int>(64);
        var metrics = layout.Metrics;
        for (var i = 0; i < metrics.Count; i++)
        {
            map.Set(metrics[i].Column, i);
            if (metrics[i].SourceKey is { } key) map.Set(key, i);
        }
        return map;
    }

    void Add(string prefix, LineHandler handler) => _handlers.Set(Encoding.ASCII.GetBytes(prefix), handler);

    void Add(string prefix, LineKind kind, string group, Func<MarkerGrammar, MarkerGrammar>? grammar = null)
    {
        var layout = Layout(group);
        var g = grammar is null ? null : grammar(new MarkerGrammar(layout));
        Add(prefix, new LineHandler(kind, group, layout, g));
    }

    void AddKeyValue(string prefix, LineKind kind)
    {
        var layout = Layout(prefix);
        Add(prefix, new LineHandler(kind, prefix, layout) { Keys = KeyIndex(layout) });
    }

    /// <summary>The readers fill labels by position: fail loudly if the spec's label order ever changes under them.</summary>
    void ExpectLabels(string group, params string[] names)
    {
        var actual = Layout(group).Group.Labels.Select(l => l.Name);
        if (!actual.SequenceEqual(names)) throw new InvalidOperationException($"{group} labels are [{string.Join(", ", actual)}]; the parser expects [{string.Join(", ", names)}].");
    }

    void RegisterHandlers()
    {
        ExpectLabels("CPU", "cpu");
        ExpectLabels("DISK", "device", "disk_index");
        ExpectLabels("NET", "interface");
        ExpectLabels("NET ifstat", "interface");
        ExpectLabels("TOP", "pid", "ppid", "exec", "container_id", "container_pid", "container_name");
        ExpectLabels("SMAPS", "pid", "command");
        ExpectLabels("DBWR", "bucket");
        ExpectLabels("NODE", "node");
        ExpectLabels("BUDDY", "node", "zone");
        ExpectLabels("SLAB", "cache");
        ExpectLabels("UDP", "local_address", "local_port", "remote_address", "remote_port", "inode");
        ExpectLabels("CCPU", "container_id", "container_name", "cpu");
        ExpectLabels("CMEM", "container_id", "container_name");
        ExpectLabels("CDISK", "container_id", "container_name", "device", "device_major");
        ExpectLabels("FPPORTS", "port");
        ExpectLabels("FPPRXY", "msp_index");
        ExpectLabels("FPC", "cpu");
        ExpectLabels("DOT_STAT", "interface_address", "protocol");
        ExpectLabels("DOH_STAT", "interface_address");
        ExpectLabels("IMCAPI_RESP", "request_type", "response_type");
        ExpectLabels("IMCDR_FRR", "phys_oid", "peer_ip");
        ExpectLabels("IMCDR_FRS", "phys_oid", "peer_ip");

        Add("TIME", new LineHandler(LineKind.Time, "TIME"));
        Add("IDENT", new LineHandler(LineKind.Ident, "IDENT"));
        Add("ARGS", new LineHandler(LineKind.Args, "ARGS"));
        Add("DB", new LineHandler(LineKind.TextBlock, "DB"));
        Add("SNIC", new LineHandler(LineKind.TextBlock, "SNIC"));

        Add("CPU", LineKind.Cpu, "CPU", g => g
            .Marker("u", "utilization")
            .Marker("id/io", "idle_percent", "iowait_percent")
            .Marker("u/s/n", "user_percent", "system_percent", "nice_percent")
            .Marker("irq")
            .Marker("h/s", "irq_percent", "softirq_percent"));

        Add("MEM", LineKind.Mem, "MEM", g => g
            .Marker("t", "total_bytes")
            .Marker("f", "free_percent")
            .Marker("b", "buffers_percent")
            .Marker("c", "cached_percent")
            .Marker("s", "slab_percent")
            .Marker("a", "anon_percent")
            .Marker("sh", "sysv_shm_percent")
            .Marker("sw", "swap_used_percent", "swap_total_bytes")
            .Marker("h", "hugepages_total", "hugepages_free")
            .Marker("A", "available_percent")
            .OptionalFromHere()
            .Marker("pio", "pgpgin_per_sec", "pgpgout_per_sec")
            .Marker("sio", "swapin_per_sec", "swapout_per_sec"));

        Add("DISK", LineKind.Disk, "DISK", g => g
            .Marker("rkxt", "reads_per_sec", "read_kb_per_sec", "read_avg_kb", "read_avg_ms")
            .Marker("wkxt", "writes_per_sec", "write_kb_per_sec", "write_avg_kb", "write_avg_ms")
            .Marker("sqb", "service_time_ms", "avg_queue_len", "busy_percent"));

        var net = Layout("NET");
        _net = new LineHandler(LineKind.Net, "NET", net, new MarkerGrammar(net)
            .Marker("rk", "rx_packets_per_sec", "rx_kb_per_sec")
            .Marker("tk", "tx_packets_per_sec", "tx_kb_per_sec")
            .Marker("rd", "rx_drops_per_sec")
            .Marker("td", "tx_drops_per_sec"));
        Add("NET", _net);
        var ifstat = Layout("NET ifstat");
        _netIfstat = new LineHandler(LineKind.NetIfstat, "NET ifstat", ifstat, new MarkerGrammar(ifstat)
            .Marker("", "rx_packets_total", "rx_bytes_total", "tx_packets_total", "tx_bytes_total", "rx_dropped_packets_total", "tx_dropped_packets_total"));

        Add("TOP", LineKind.Top, "TOP", g => g.Marker("", "cpu_percent", "total_cpu_seconds", "user_cpu_seconds", "system_cpu_seconds", "last_cpu"));

        Add("SMAPS", LineKind.Smaps, "SMAPS", g => g
            .Marker("s/r/r-/sw", "vm_size_kb", "rss_kb", "rss_minus_shmem_kb", "swap_kb")
            .Marker("s", "shared_total_kb", "shared_dirty_kb")
            .Marker("p", "private_total_kb", "private_dirty_kb")
            .Marker("sh", "shmem_total_kb", "shmem_dirty_kb")
            .WithRestMarker("c"));

        foreach (var db in new[] { "DBWR", "DBWA", "DBRD" }) Add(db, LineKind.DbHistogram, db, g => g.Marker("", "bucket_count_total", "bucket_avg_latency_seconds"));

        Add("DBMPOOL", LineKind.DbMpool, "DBMPOOL", g => g
            .Marker("sz", "cache_size_mib")
            .Marker("pg", "pages_total")
            .Marker("cl", "pages_clean")
            .Marker("dr", "pages_dirty")
            .Marker("cr", "pages_created")
            .Marker("i", "pages_in")
            .Marker("o", "pages_out")
            .Marker("a", "pages_alloc")
            .Marker("h", "cache_hits")
            .Marker("m", "cache_misses")
            .Marker("ro", "ro_evicts")
            .Marker("rw", "rw_evicts")
            .Marker("fr", "buffers_frozen")
            .Marker("th", "buffers_thawed")
            .Skip("MiB"));

        Add("NODE", LineKind.Node, "NODE", g => g
            .Marker("t", "total_bytes")
            .Marker("f", "free_percent")
            .Marker("u", "used_percent"));

        var buddy = Layout("BUDDY");
        Add("BUDDY", new LineHandler(LineKind.Buddy, "BUDDY", buddy) { Keys = KeyIndex(buddy) });

        Add("SLAB", LineKind.Slab, "SLAB", g => g
            .Marker("", "active_objects", "total_objects")
            .Marker("mb", "memory_mib")
            .Marker("w", "waste_percent"));

        Add("BALLOON", LineKind.Balloon, "BALLOON", g => g.Marker("", "memory_mb"));

        Add("UDP", LineKind.Udp, "UDP", g => g
            .Marker("rq/tq", "rx_queue_bytes", "tx_queue_bytes")
            .Marker("d", "drops"));

        Add("SNMP.Ip", LineKind.SnmpIp, "SNMP.Ip", g => g
            .Marker("rx/del/dis", "in_receives_per_sec", "delivered_per_sec", "in_discards_per_sec")
            .Marker("tx/dis", "out_requests_per_sec", "out_discards_per_sec")
            .Marker("rh/ra/rp", "header_errors", "address_errors", "unknown_protocol"));

        Add("SNMP.Udp", LineKind.SnmpUdp, "SNMP.Udp", g => g
            .Marker("rx/re", "in_datagrams_per_sec", "receive_buffer_errors")
            .Marker("tx/te", "out_datagrams_per_sec", "send_buffer_errors")
            .Marker("np", "no_ports")
            .Marker("ie", "in_errors"));

        Add("CCPU", LineKind.Ccpu, "CCPU", g => g
            .Marker("u/s", "user_percent", "system_percent")
            .WithRestAfterValues());

        Add("CMEM", LineKind.Cmem, "CMEM", g => g
            .Marker("c", "page_cache_kb")
            .Marker("fi", "file_backed_kb")
            .Marker("r", "rss_kb")
            .Marker("h", "rss_huge_kb")
            .Marker("sh", "shmem_kb")
            .Marker("sw", "swap_kb")
            .Marker("u", "unevictable_kb")
            .Marker("pio", "pgpgin_per_sec", "pgpgout_per_sec")
            .WithRestAfterValues());

        Add("CDISK", LineKind.Cdisk, "CDISK", g => g
            .Marker("rkx", "reads_per_sec", "read_kb_per_sec", "read_avg_kb")
            .Marker("wkx", "writes_per_sec", "write_kb_per_sec", "write_avg_kb")
            .WithRestAfterValues());

        foreach (var fp in new[] { "FPMBUF", "FPPREF", "FPDCA", "FPDNCR", "FPVLSTATS" }) AddKeyValue(fp, LineKind.FpKeyValue);
        AddKeyValue("FPPORTS", LineKind.FpPorts);
        AddKeyValue("FPPRXY", LineKind.FpProxy);
        AddKeyValue("FPRRSTATS", LineKind.FpRrStats);

        Add("FPS", LineKind.Fps, "FPS", g => g
            .Marker("iod", "incoming_dns_packets", "outgoing_dns_packets", "dropped_dns_packets")
            .Marker("mhb", "missed_dns_packets", "hit_dns_packets", "bypass_dns_packets"));
        Add("FPC", LineKind.Fpc, "FPC", g => g.Marker("", "cpu_busy_percent", "cycles_total", "cycles_per_packet", "cycles_ic_pkt"));
        Add("FPP", LineKind.Fpp, "FPP", g => g.Marker("", "total_cycles", "total_packets"));

        foreach (var dot in new[] { "DOT_STAT", "DOH_STAT", "TCP_DCA_STAT" }) AddKeyValue(dot, LineKind.DotStat);

        Add("IMCAPI_REQ", LineKind.Imcapi, "IMCAPI_REQ", g => g.Marker("",
            "requests_total", "unspecified_total", "sub_count_total", "sub_create_total", "sub_update_total",
            "sub_delete_total", "unspecified_mod_total", "sub_add_info_total", "sub_update_info_total", "sub_update_policy_total"));
        Add("IMCAPI_RESP", new LineHandler(LineKind.ImcapiResp, "IMCAPI_RESP", Layout("IMCAPI_RESP")));

        var nodes = Layout("IMCDR_NODES");
        Add("IMCDR_NODES", new LineHandler(LineKind.ImcdrNodes, "IMCDR_NODES", nodes, new MarkerGrammar(nodes).Marker("", "node_count", "peer_count")));
        Add("IMCDR_EVENT_STATS", LineKind.ImcdrPositional, "IMCDR_EVENT_STATS", g => g.Marker("",
            "add_peer_total", "add_client_total", "add_sent_peer_total", "del_peer_total", "del_sent_peer_total", "del_client_gc_total",
            "add_sent_snoopers_total", "del_sent_snoopers_total", "total_recv_total", "total_sent_total", "total_cache_events_total"));
        Add("IMCDR_CONN_STATS", LineKind.ImcdrPositional, "IMCDR_CONN_STATS", g => g.Marker("",
            "closed_hung_total", "add_on_start_total", "close_on_exit_total", "close_send_err_total", "close_recv_err_total",
            "close_access_denied_total", "add_peer_conn_total", "close_on_exit_repo_total"));
        Add("IMCDR_MEM_STATS", LineKind.ImcdrPositional, "IMCDR_MEM_STATS", g => g.Marker("",
            "hash_init_bytes", "reserved_bytes", "alloc_calls_total", "dealloc_bytes_total", "dealloc_calls_total", "record_count"));
        var frr = Layout("IMCDR_FRR");
        _imcdrFrr = new LineHandler(LineKind.ImcdrPeer, "IMCDR_FRR", frr, new MarkerGrammar(frr).Marker("",
            "timeout_replies_total", "conn_lost_total", "successful_loads_total", "null_cache_replies_total", "unknown_cache_replies_total"));
        var frs = Layout("IMCDR_FRS");
        _imcdrFrs = new LineHandler(LineKind.ImcdrPeer, "IMCDR_FRS", frs, new MarkerGrammar(frs).Marker("", "fd", "events_sent_total"));
    }
}
