using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>DPDK fast path, DoT/DoH/TCP DCA, IMC API and IMCDR groups: docs/ptop-format.md §3.12.</summary>
internal static class FastPathGroups
{
    const string Fp = "fastpath";
    const string Filter = "FASTPATH";

    /// <summary>A key/value metric: <paramref name="key"/> is the token printed by ptop before the value.</summary>
    static MetricSpec K(string key, string column, string description, MetricKind kind = MetricKind.Counter, string unit = "count", string[]? aliases = null)
        => M(column, kind, unit, description, kind == MetricKind.Counter ? CounterAfter(key) : $"Value printed after key '{key}' on the line, sampled at the epoch.", aliases, key);

    static string CounterAfter(string key) =>
        $"Cumulative count printed after key '{key}' since the fast path started; use counter_rate for a per-second rate (a decrease means the fast path restarted).";

    static string Positional(int position, string line) =>
        $"Value {position} on the {line} line, cumulative since the process started; use counter_rate for a per-second rate (a decrease means a restart).";

    public static IEnumerable<TableGroup> All()
    {
        yield return G("FPMBUF", "ptops_fp_mbuf", "fpm", Fp, Filter, [],
            [
                K("bc", "mbufs_in_use", "Packet buffers (mbufs) in use in the fast path's pool at the sample time. Climbing toward the pool size means packets are held too long or traffic outgrows the pool.", MetricKind.Gauge, "mbufs", ["fpm_muc"]),
                K("mac", "mbufs_available", "Packet buffers (mbufs) still free in the fast path's pool. Near zero means new packets will be dropped (see fpports_rx_nombuf_drops_total).", MetricKind.Gauge, "mbufs"),
                K("bup", "mbuf_utilization_percent", "Share of the mbuf pool in use. High utilisation together with rising fpports_rx_nombuf_drops_total = pool too small for the traffic.", MetricKind.Gauge, "percent"),
            ],
            "Fast path packet buffer (mbuf) pool usage: buffers in use, free and the utilisation percent. The pool is fixed at start-up; when it runs dry the NIC drops packets (FPPORTS in).", extensible: true);

        yield return G("FPPORTS", "ptops_fp_ports", "fpports", Fp, Filter,
            [L("port", "DPDK port name (port0, port1, ...).", indexed: true)],
            [
                K("ip", "rx_packets_total", "Packets received on the DPDK port since the fast path started. Its rate is the port's inbound packet rate.", unit: "packets", aliases: ["fpports_ip_total"]),
                K("op", "tx_packets_total", "Packets transmitted on the DPDK port since the fast path started.", unit: "packets"),
                K("ib", "rx_bytes_total", "Bytes received on the DPDK port since the fast path started.", unit: "bytes"),
                K("ob", "tx_bytes_total", "Bytes transmitted on the DPDK port since the fast path started.", unit: "bytes"),
                K("ie", "rx_errors_total", "Receive errors on the DPDK port (bad frames, CRC errors) since start. Growth points at cabling or NIC problems.", unit: "packets"),
                K("oe", "tx_errors_total", "Transmit errors on the DPDK port since start.", unit: "packets"),
                K("mc", "rx_multicast_packets_total", "Multicast packets received on the DPDK port since start.", unit: "packets"),
                K("im", "rx_missed_packets_total", "Packets the NIC dropped because its receive ring was full, i.e. the fast-path cores did not poll fast enough. Growth means the fast path is CPU-bound (see fpc_cpu_busy_percent).", unit: "packets"),
                K("in", "rx_nombuf_drops_total", "Packets dropped because no packet buffer (mbuf) was free. Growth together with high fpm_mbuf_utilization_percent means the mbuf pool is too small. Loss rate = (im + in) / (ip + im + in).", unit: "packets"),
            ],
            "DPDK port statistics per fast-path port, cumulative since the fast path started: packets and bytes in and out, errors, multicast, and the two kinds of receive loss (ring full = missed, no buffer = nombuf).", extensible: true);

        yield return G("FPPRXY", "ptops_fp_proxy", "fpprxy", Fp, Filter,
            [L("msp_index", "Index of the upstream MSP connection (the 'hsc' value).", indexed: true)],
            [
                K("ccs", "connected_cores", "Fast-path cores connected to this MSP upstream.", MetricKind.Gauge, "cores"),
                K("cnc", "reconnects_total", "Reconnections to the MSP upstream; rising after timeouts means an unstable upstream."),
                K("qah", "queries_added_to_hash_total", "Queries added to the pending-query hash."),
                K("caqh", "active_queries", "Queries currently waiting for an MSP answer.", MetricKind.Gauge, "queries"),
                K("qfah", "query_add_failures_total", "Queries that could not be added to the pending hash."),
                K("qpb", "queries_passed_to_bind_total", "Queries handed to BIND (named) instead of the MSP."),
                K("qth", "query_timeouts_total", "Queries that timed out waiting for the MSP. Rising timeouts often precede reconnects."),
                K("rmsp", "responses_from_msp_total", "Responses received from the upstream MSP on this connection."),
                K("mrsc", "responses_sent_to_client_total", "MSP responses the fast path forwarded on to the querying client."),
                K("rfsc", "response_send_failures_total", "Responses that failed to send to the client."),
                K("rpfse", "response_parse_status_failures_total", "MSP responses whose status could not be parsed."),
                K("rpfst", "response_parse_txid_failures_total", "MSP responses whose transaction id could not be parsed."),
                K("rpftn", "response_txid_not_found_total", "MSP responses for a transaction id no longer pending (usually already timed out)."),
                K("rpse", "response_subid_empty_total", "MSP responses with an empty subscriber id."),
                K("rpvnf", "response_vip_not_found_total", "MSP responses whose virtual IP (VIP) was not found in the fast path's table."),
                K("rrhf", "response_hash_remove_failures_total", "Failures removing an answered query from the pending hash."),
                K("rpv6nf", "response_pvipv6_not_found_total", "MSP responses whose IPv6 policy VIP was not found."),
                K("rpv4nf", "response_pvipv4_not_found_total", "MSP responses whose IPv4 policy VIP was not found."),
            ],
            "Fast path proxy to the upstream MSP (subscriber policy) service, one line per MSP connection: connected cores, queries added and pending, timeouts, reconnects, and how responses were handled or why they failed. Rising timeouts followed by reconnects mean an unstable upstream.", extensible: true);

        yield return G("FPPREF", "ptops_fp_prefetch", "fppref", Fp, Filter, [],
            [
                K("ti", "timer_iterations_total", "Iterations of the prefetch timer that scans the cache for records about to expire."),
                K("qc", "a_query_created_total", "A-record refresh queries created by the prefetch engine."),
                K("mfat", "aaaa_query_mbuf_alloc_failures_total", "AAAA prefetch queries not sent for lack of an mbuf (ptop's key swaps A/AAAA deliberately)."),
                K("4aqc", "aaaa_query_created_total", "AAAA-record refresh queries created by the prefetch engine."),
                K("mf4a", "a_query_mbuf_alloc_failures_total", "A prefetch queries not sent for lack of an mbuf."),
                K("ftxn", "query_enqueue_failures_total", "Prefetch queries that failed to enqueue."),
                K("stxn", "query_enqueued_total", "Prefetch refresh queries enqueued for sending upstream."),
                K("raq", "a_response_handled_total", "Responses to A-record prefetch queries handled (cache refreshed)."),
                K("r4aq", "aaaa_response_handled_total", "Responses to AAAA-record prefetch queries handled (cache refreshed)."),
            ],
            "Cache prefetch engine, which refreshes popular records before they expire: timer runs, A and AAAA refresh queries created, enqueued, failed for lack of buffers, and their responses handled.", extensible: true);

        yield return G("FPDCA", "ptops_fp_dca", "fpdca", Fp, Filter, [],
            [
                K("dca_pass_to_bind", "queries_passed_to_bind_total", "Queries the DNS cache accelerator passed to BIND."),
                K("pcp_pass_to_bind", "pcp_queries_passed_to_bind_total", "Policy (parental control, PCP) queries the accelerator passed to BIND."),
                K("dca_non_cacheable_response", "non_cacheable_responses_total", "Responses the fast path could not cache; growth lowers cache efficiency."),
            ],
            "DNS cache accelerator (DCA) decisions: queries passed on to BIND (named), policy (PCP) queries passed on, and responses that could not be cached. A growing pass-through share lowers fast-path efficiency.", extensible: true);

        var rr = new List<MetricSpec>();
        foreach (var (dir, word) in new[] { ("REQ", "queries"), ("RES", "responses") })
        {
            foreach (var (key, type) in new[] { ("a", "a"), ("aaaa", "aaaa"), ("mx", "mx"), ("ptr", "ptr"), ("cname", "cname"), ("t64", "svcb"), ("t65", "https"), ("other", "other") })
            {
                rr.Add(M($"{word}_{type}_total", MetricKind.Counter, word,
                    $"{(word == "queries" ? "Queries" : "Responses")} of RR type {type.ToUpperInvariant()} seen by the fast path.",
                    $"Key '{key}' in the {dir} block.", null, $"{dir}.{key}"));
            }
        }
        yield return G("FPRRSTATS", "ptops_fp_rrstats", "fprrstats", Fp, Filter, [], [.. rr],
            "Distribution of DNS queries (REQ block) and responses (RES block) seen by the fast path by resource record type (A, AAAA, MX, PTR, CNAME, SVCB, HTTPS, other), cumulative.", extensible: true);

        yield return G("FPDNCR", "ptops_fp_dncr", "fpdncr", Fp, Filter, [],
            [
                K("neq", "non_edns0_queries_total", "Queries without an EDNS0 option, so no subscriber id can be read from them."),
                K("ewl", "edns0_with_localid_total", "EDNS0 queries carrying a local (subscriber) id option."),
                K("ewp", "edns0_with_policyid_total", "EDNS0 queries carrying a policy id option."),
                K("eu", "edns0_unknown_options_total", "EDNS0 queries carrying options the fast path does not recognise."),
                K("sh", "subscriber_hits_total", "Queries matched to a known subscriber (any method)."),
                K("psh", "policy_id_subscriber_hits_total", "Queries matched to a subscriber by policy id."),
                K("s4p", "subscriber_ipv4_prefix_hits_total", "Queries matched to a subscriber by IPv4 prefix."),
                K("s6p", "subscriber_ipv6_prefix_hits_total", "Queries matched to a subscriber by IPv6 prefix."),
                K("spcp", "subscriber_pcp_violations_total", "Subscriber parental-control policy violations."),
                K("swpcp", "subscriber_wpcp_violations_total", "Queries that violated a subscriber's web (WPCP) policy."),
            ],
            "EDNS0 and subscriber classification of queries: which queries carry EDNS0 local or policy ids, which match a subscriber (by id or IPv4/IPv6 prefix), and parental/web policy violations, cumulative.", extensible: true);

        yield return G("FPVLSTATS", "ptops_fp_vlstats", "fpvlstats", Fp, Filter, [],
            [
                K("F-P", "fastpath_pcp_queries_total", "PCP policy queries enforced on the fast path."),
                K("F-W", "fastpath_wpcp_queries_total", "WPCP policy queries enforced on the fast path."),
                K("F-B", "fastpath_blacklist_queries_total", "Blacklisted queries enforced on the fast path."),
                K("F-BA", "fastpath_block_all_queries_total", "Block-all queries enforced on the fast path."),
                K("N-P", "named_pcp_queries_total", "Parental-control (PCP) policy queries enforced by named instead of the fast path."),
                K("N-W", "named_wpcp_queries_total", "Web policy (WPCP) queries enforced by named instead of the fast path."),
                K("N-B", "named_blacklist_queries_total", "Blacklisted queries enforced by named instead of the fast path."),
                K("N-R", "named_rpz_queries_total", "Queries answered by a response policy zone (RPZ) rule in named."),
                K("N-BA", "named_block_all_queries_total", "Block-all policy queries enforced by named instead of the fast path."),
                K("N-DD", "named_device_discovery_queries_total", "Device discovery queries handled by named."),
                K("T-F", "fastpath_violations_total", "Total policy violations on the fast path."),
                K("T-B", "named_violations_total", "Total policy violations handled by named (sum of the N-* counters)."),
            ],
            "Policy enforcement counters: F-* are queries enforced on the fast path, N-* by named (BIND), T-* the violation totals of each; cumulative. A shift from F-* to N-* means enforcement fell back to the slower path.", extensible: true);

        yield return G("FPS", "ptops_fp_status", "fps", Fp, Filter, [],
            [
                Counter("incoming_dns_packets", "packets", "DNS packets received by the fast path since it started. Its rate is the fast path's query load.", Positional(1, "FPS (after 'iod')")),
                Counter("outgoing_dns_packets", "packets", "DNS packets sent by the fast path (answers from cache or proxied) since it started.", Positional(2, "FPS (after 'iod')")),
                Counter("dropped_dns_packets", "packets", "DNS packets the fast path dropped since it started. Any growth means lost queries; check mbufs and port drops.", Positional(3, "FPS (after 'iod')")),
                Counter("missed_dns_packets", "packets", "DNS packets that missed the fast-path cache and went on to named or the MSP, since start.", Positional(1, "FPS (after 'mhb')")),
                Counter("hit_dns_packets", "packets", "DNS packets answered from the fast-path cache since start. hit / (hit + missed) is the cache hit ratio.", Positional(2, "FPS (after 'mhb')")),
                Counter("bypass_dns_packets", "packets", "DNS packets that bypassed the fast path straight to named since start (not eligible for the cache).", Positional(3, "FPS (after 'mhb')")),
            ],
            "Fast path DNS packet status: packets in, out and dropped, and cache miss, hit and bypass counters, all cumulative. Rates give the query load and the cache hit ratio.");

        yield return G("FPC", "ptops_fp_cpu", "fpc", Fp, Filter,
            [L("cpu", "Fast-path core number.", indexed: true)],
            [
                Gauge("cpu_busy_percent", "percent", "Share of the interval the fast-path core spent on packet work. DPDK cores poll, so the OS always shows them 100% busy; this is the real load. Near 100 means the core is the bottleneck.",
                    "Busy cycles / total cycles of the core over the interval, as percent; first value after the core number."),
                Counter("cycles_total", "cycles", "CPU cycles the core spent on packet work since the fast path started.",
                    "Second value after the core number, cumulative; use counter_rate for cycles per second."),
                Gauge("cycles_per_packet", "cycles", "Average CPU cycles per packet received from the NIC in the interval. Rising values mean each query costs more (cache misses, policy work).",
                    "Busy cycles / NIC packets over the interval; third value after the core number."),
                Gauge("cycles_ic_pkt", "cycles", "Average CPU cycles per packet passed between fast-path cores (inter-core) in the interval.",
                    "Busy cycles / inter-core packets over the interval; fourth value after the core number."),
            ],
            "Fast path per-core load: busy percent (the real load of a polling DPDK core), cycles spent and cycles per packet. The header line 'FPC Fast path CPU usage:' is not data and is kept as a text record.");

        yield return G("FPP", "ptops_fp_packets", "fpp", Fp, Filter, [],
            [
                Counter("total_cycles", "cycles", "Total CPU cycles the fast path spent on packets since it started.", Positional(1, "FPP")),
                Counter("total_packets", "packets", "Total packets the fast path processed since it started. Rate of cycles / rate of packets = cycles per packet.", Positional(2, "FPP")),
            ],
            "Fast path totals of cycles and packets since start; their rates give overall fast-path throughput and cost per packet.");

        foreach (var (group, table, prefix, what, protocol) in new[]
        {
            ("DOT_STAT", "ptops_dot", "dot", "DNS over TLS/DTLS", true),
            ("DOH_STAT", "ptops_doh", "doh", "DNS over HTTPS", false),
            ("TCP_DCA_STAT", "ptops_tcp_dca", "tcp_dca", "DNS over TCP (cache accelerator)", false),
        })
        {
            LabelSpec[] labels = protocol
                ? [L("interface_address", "Listener address.", indexed: true), L("protocol", "TLS or DTLS.")]
                : [L("interface_address", "Listener address.", indexed: true)];
            yield return G(group, table, prefix, Fp, Filter, labels,
                [
                    Gauge("interfaces", "interfaces", $"Number of {what} listener interfaces configured (the first number on the line).",
                        $"First value on the {group} line, repeated on each interface's line."),
                    K("rx", "rx_packets_total", $"{what} packets received on the listener.", unit: "packets"),
                    K("tx", "tx_packets_total", $"{what} packets sent by the listener.", unit: "packets"),
                    K("dp", "dropped_packets_total", $"{what} packets dropped by the listener; growth means lost queries.", unit: "packets"),
                    K("qd", "queue_drops_total", $"{what} queries dropped because a processing queue was full: the listener is overloaded.", unit: "queries"),
                    K("os", "opened_sessions_total", $"{what} sessions (connections) opened on the listener.", unit: "sessions"),
                    K("cs", "closed_sessions_total", $"{what} sessions closed on the listener.", unit: "sessions"),
                    K("as", "active_sessions", $"{what} sessions open at the sample time. A steady climb means clients do not close connections or sessions leak.", MetricKind.Gauge, "sessions"),
                ],
                $"{what} listener statistics per interface address: packets received, sent and dropped, queue drops, sessions opened, closed and active.", extensible: true);
        }

        (string Column, string What)[] reqCols =
        [
            ("requests_total", "all IMC API requests"), ("unspecified_total", "requests of unspecified type"), ("sub_count_total", "subscriber count requests"),
            ("sub_create_total", "subscriber create requests"), ("sub_update_total", "subscriber update requests"), ("sub_delete_total", "subscriber delete requests"),
            ("unspecified_mod_total", "unspecified modify requests"), ("sub_add_info_total", "subscriber add-info requests"),
            ("sub_update_info_total", "subscriber update-info requests"), ("sub_update_policy_total", "subscriber policy update requests"),
        ];
        yield return G("IMCAPI_REQ", "ptops_imcapi_req", "imcapi_req", Fp, Filter, [],
            [.. reqCols.Select((c, i) => Counter(c.Column, "requests",
                $"Number of {c.What} received by the IMC API (subscriber management interface) since it started.", Positional(i + 1, "IMCAPI_REQ")))],
            "IMC API (subscriber management) request counters by request type, cumulative: how many subscriber create/update/delete/count requests the appliance received.");

        yield return G("IMCAPI_RESP", "ptops_imcapi_resp", "imcapi_resp", Fp, Filter,
            [L("request_type", "Request type (unspecified, sub_count, sub_add, ... or 'all').", indexed: true), L("response_type", "Response slot: success, failure, r3..r7, or 'all'.")],
            [Counter("responses_total", "responses", "IMC API responses of this response type to this request type since start. A rising failure count for one request type points at the failing operation.",
                "The line holds a total then 9 request types x 7 response slots; each value becomes one row (request_type, response_type), the total the row ('all', 'all'). Cumulative.")],
            "IMC API responses: 9 request types x 7 response slots (success, failure, r3..r7), plus the overall total, cumulative.");

        yield return G("IMCDR_NODES", "ptops_imcdr_nodes", "imcdr_nodes", Fp, Filter, [],
            [
                Gauge("node_count", "nodes", "Nodes in the IMC data replication cluster at the sample time. A drop means a member left.",
                    "Second value on the IMCDR_NODES line (after the start timestamp)."),
                Gauge("peer_count", "peers", "Peers connected for data replication at the sample time. Fewer peers than nodes - 1 means broken replication links.",
                    "Third value on the IMCDR_NODES line."),
            ],
            "IMC data replication cluster membership: node and peer counts. The id@ip node list on the same line is kept as a text record.");

        (string Name, string What)[] ev =
        [
            ("add_peer", "peer add events"), ("add_client", "client add events"), ("add_sent_peer", "add events sent to peers"), ("del_peer", "peer delete events"),
            ("del_sent_peer", "delete events sent to peers"), ("del_client_gc", "clients removed by garbage collection"), ("add_sent_snoopers", "add events sent to snoopers"),
            ("del_sent_snoopers", "delete events sent to snoopers"), ("total_recv", "replication events received"), ("total_sent", "replication events sent"),
            ("total_cache_events", "cache events processed"),
        ];
        yield return G("IMCDR_EVENT_STATS", "ptops_imcdr_events", "imcdr_events", Fp, Filter, [],
            [.. ev.Select((c, i) => Counter(c.Name + "_total", "events", $"Number of IMC data replication {c.What} since the replication service started.", Positional(i + 1, "IMCDR_EVENT_STATS")))],
            "IMC data replication event counters: adds and deletes of peers and clients, events sent to peers and snoopers, totals received and sent.");

        (string Name, string What)[] conn =
        [
            ("closed_hung", "connections closed because they hung"), ("add_on_start", "connections added at start-up"), ("close_on_exit", "connections closed on exit"),
            ("close_send_err", "connections closed after a send error"), ("close_recv_err", "connections closed after a receive error"),
            ("close_access_denied", "connections closed because access was denied"), ("add_peer_conn", "peer connections added"),
            ("close_on_exit_repo", "repository connections closed on exit"),
        ];
        yield return G("IMCDR_CONN_STATS", "ptops_imcdr_conn", "imcdr_conn", Fp, Filter, [],
            [.. conn.Select((c, i) => Counter(c.Name + "_total", "connections", $"Number of IMC data replication {c.What} since the service started. Error closes rising means unstable replication links.", Positional(i + 1, "IMCDR_CONN_STATS")))],
            "IMC data replication connection counters: connections added and closed, and why they were closed (hung, send/receive errors, access denied).");

        yield return G("IMCDR_FRR", "ptops_imcdr_frr", "imcdr_frr", Fp, Filter,
            [L("phys_oid", "Physical object id of the peer."), L("peer_ip", "Peer IP address.", indexed: true)],
            [
                Counter("timeout_replies_total", "replies", "Replication fetch requests to this peer that timed out. Rising values mean the peer is slow or unreachable.", Positional(1, "IMCDR_FRR<oid>_STATS (after phys_oid and peer_ip)")),
                Counter("conn_lost_total", "events", "Replication connections to this peer that were lost.", Positional(2, "IMCDR_FRR<oid>_STATS (after phys_oid and peer_ip)")),
                Counter("successful_loads_total", "loads", "Successful replication loads from this peer.", Positional(3, "IMCDR_FRR<oid>_STATS (after phys_oid and peer_ip)")),
                Counter("null_cache_replies_total", "replies", "Replies from this peer that carried an empty cache.", Positional(4, "IMCDR_FRR<oid>_STATS (after phys_oid and peer_ip)")),
                Counter("unknown_cache_replies_total", "replies", "Replies from this peer for a cache it did not know.", Positional(5, "IMCDR_FRR<oid>_STATS (after phys_oid and peer_ip)")),
            ],
            "IMC data replication fetch-request (FRR) statistics per peer: timeouts, lost connections, successful loads and empty or unknown cache replies.");

        yield return G("IMCDR_FRS", "ptops_imcdr_frs", "imcdr_frs", Fp, Filter,
            [L("phys_oid", "Physical object id of the peer."), L("peer_ip", "Peer IP address.", indexed: true)],
            [
                Gauge("fd", "fd", "File descriptor of the replication socket to the peer (changes when the connection is re-established).",
                    "First value after phys_oid and peer_ip on the IMCDR_FRS<oid>_STATS line."),
                Counter("events_sent_total", "events", "Replication events sent to this peer since the service started.", Positional(2, "IMCDR_FRS<oid>_STATS (after phys_oid and peer_ip)")),
            ],
            "IMC data replication fetch-response (FRS) statistics per peer: the socket in use and events sent.");

        yield return G("IMCDR_MEM_STATS", "ptops_imcdr_mem", "imcdr_mem", Fp, Filter, [],
            [
                Gauge("hash_init_bytes", "bytes", "Bytes allocated for the replication hash table at start-up.", "First value on the IMCDR_MEM_STATS line."),
                Gauge("reserved_bytes", "bytes", "Bytes reserved by the replication cache at the sample time. Steady growth means the cache keeps growing.", "Second value on the IMCDR_MEM_STATS line."),
                Counter("alloc_calls_total", "calls", "Memory allocation calls made by the replication cache since start.", Positional(3, "IMCDR_MEM_STATS")),
                Counter("dealloc_bytes_total", "bytes", "Bytes released by the replication cache since start.", Positional(4, "IMCDR_MEM_STATS")),
                Counter("dealloc_calls_total", "calls", "Memory release calls made by the replication cache since start. Allocations far above releases means memory is kept.", Positional(5, "IMCDR_MEM_STATS")),
                Gauge("record_count", "records", "Records held in the replication cache at the sample time.", "Sixth value on the IMCDR_MEM_STATS line."),
            ],
            "IMC data replication memory usage: hash and reserved bytes, allocation and release counters, and the number of cached records.");
    }
}
