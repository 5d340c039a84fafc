using static PerfAspire.Schema.Spec.SpecBuilder;

namespace PerfAspire.Schema.Spec;

/// <summary>DPDK fast path, DoT/DoH/TCP DCA, IMC API and IMCDR groups: ptop-format.md §3.12.</summary>
internal static class FastPathGroups
{
    const string Fp = "fastpath";
    const string Filter = "FASTPATH";

    /// <summary>A key/value counter: <paramref name="key"/> is the token printed by ptop.</summary>
    static MetricSpec K(string key, string column, string description, MetricKind kind = MetricKind.Counter, string unit = "count", string[]? aliases = null)
        => M(column, kind, unit, description, $"Key '{key}' on the line.", aliases, key);

    public static IEnumerable<TableGroup> All()
    {
        yield return G("FPMBUF", "ptops_fp_mbuf", "fpm", Fp, Filter, [],
            [
                K("bc", "mbufs_in_use", "Packet buffers (mbufs) in use in the fast path's pool.", MetricKind.Gauge, "mbufs", ["fpm_muc"]),
                K("mac", "mbufs_available", "Packet buffers free in the pool.", MetricKind.Gauge, "mbufs"),
                K("bup", "mbuf_utilization_percent", "Share of the mbuf pool in use. High utilisation together with rising fpports_rx_nombuf_drops_total = pool too small for the traffic.", MetricKind.Gauge, "percent"),
            ],
            "Fast path packet buffer (mbuf) pool usage.", extensible: true);

        yield return G("FPPORTS", "ptops_fp_ports", "fpports", Fp, Filter,
            [L("port", "DPDK port name (port0, port1, ...).", indexed: true)],
            [
                K("ip", "rx_packets_total", "Packets received on the port.", unit: "packets", aliases: ["fpports_ip_total"]),
                K("op", "tx_packets_total", "Packets transmitted on the port.", unit: "packets"),
                K("ib", "rx_bytes_total", "Bytes received on the port.", unit: "bytes"),
                K("ob", "tx_bytes_total", "Bytes transmitted on the port.", unit: "bytes"),
                K("ie", "rx_errors_total", "Receive errors on the port.", unit: "packets"),
                K("oe", "tx_errors_total", "Transmit errors on the port.", unit: "packets"),
                K("mc", "rx_multicast_packets_total", "Multicast packets received.", unit: "packets"),
                K("im", "rx_missed_packets_total", "Packets the NIC dropped because the receive ring was full (the fast path did not poll fast enough).", unit: "packets"),
                K("in", "rx_nombuf_drops_total", "Packets dropped because no mbuf was free. Loss rate = (im+in)/(ip+im+in).", unit: "packets"),
            ],
            "DPDK port statistics per fast-path port: packets, bytes, errors, missed and no-mbuf drops (counters).", extensible: true);

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
                K("rmsp", "responses_from_msp_total", "Responses received from the MSP."),
                K("mrsc", "responses_sent_to_client_total", "MSP responses sent on to the client."),
                K("rfsc", "response_send_failures_total", "Responses that failed to send to the client."),
                K("rpfse", "response_parse_status_failures_total", "MSP responses whose status could not be parsed."),
                K("rpfst", "response_parse_txid_failures_total", "MSP responses whose transaction id could not be parsed."),
                K("rpftn", "response_txid_not_found_total", "MSP responses for a transaction id no longer pending (usually already timed out)."),
                K("rpse", "response_subid_empty_total", "MSP responses with an empty subscriber id."),
                K("rpvnf", "response_vip_not_found_total", "MSP responses whose VIP was not found."),
                K("rrhf", "response_hash_remove_failures_total", "Failures removing an answered query from the pending hash."),
                K("rpv6nf", "response_pvipv6_not_found_total", "MSP responses whose IPv6 policy VIP was not found."),
                K("rpv4nf", "response_pvipv4_not_found_total", "MSP responses whose IPv4 policy VIP was not found."),
            ],
            "Fast path proxy to the upstream MSP service, one line per MSP connection: queries, timeouts, reconnects and response handling.", extensible: true);

        yield return G("FPPREF", "ptops_fp_prefetch", "fppref", Fp, Filter, [],
            [
                K("ti", "timer_iterations_total", "Prefetch timer iterations."),
                K("qc", "a_query_created_total", "Prefetch A queries created."),
                K("mfat", "aaaa_query_mbuf_alloc_failures_total", "AAAA prefetch queries not sent for lack of an mbuf (ptop's key swaps A/AAAA deliberately)."),
                K("4aqc", "aaaa_query_created_total", "Prefetch AAAA queries created."),
                K("mf4a", "a_query_mbuf_alloc_failures_total", "A prefetch queries not sent for lack of an mbuf."),
                K("ftxn", "query_enqueue_failures_total", "Prefetch queries that failed to enqueue."),
                K("stxn", "query_enqueued_total", "Prefetch queries enqueued."),
                K("raq", "a_response_handled_total", "Prefetch A responses handled."),
                K("r4aq", "aaaa_response_handled_total", "Prefetch AAAA responses handled."),
            ],
            "Cache prefetch engine: refresh queries created, enqueued, failed and answered.", extensible: true);

        yield return G("FPDCA", "ptops_fp_dca", "fpdca", Fp, Filter, [],
            [
                K("dca_pass_to_bind", "queries_passed_to_bind_total", "Queries the DNS cache accelerator passed to BIND."),
                K("pcp_pass_to_bind", "pcp_queries_passed_to_bind_total", "Policy (PCP) queries passed to BIND."),
                K("dca_non_cacheable_response", "non_cacheable_responses_total", "Responses the fast path could not cache; growth lowers cache efficiency."),
            ],
            "DNS cache accelerator (DCA) decisions: what is passed to BIND and what cannot be cached.", extensible: true);

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
            "Distribution of DNS queries (REQ block) and responses (RES block) by resource record type.", extensible: true);

        yield return G("FPDNCR", "ptops_fp_dncr", "fpdncr", Fp, Filter, [],
            [
                K("neq", "non_edns0_queries_total", "Queries without EDNS0."),
                K("ewl", "edns0_with_localid_total", "EDNS0 queries carrying a local id."),
                K("ewp", "edns0_with_policyid_total", "EDNS0 queries carrying a policy id."),
                K("eu", "edns0_unknown_options_total", "EDNS0 queries with unknown options."),
                K("sh", "subscriber_hits_total", "Queries matched to a known subscriber."),
                K("psh", "policy_id_subscriber_hits_total", "Queries matched to a subscriber by policy id."),
                K("s4p", "subscriber_ipv4_prefix_hits_total", "Queries matched to a subscriber by IPv4 prefix."),
                K("s6p", "subscriber_ipv6_prefix_hits_total", "Queries matched to a subscriber by IPv6 prefix."),
                K("spcp", "subscriber_pcp_violations_total", "Subscriber parental-control policy violations."),
                K("swpcp", "subscriber_wpcp_violations_total", "Subscriber web policy violations."),
            ],
            "EDNS0 and subscriber classification of queries: which queries carry ids, which match subscribers, policy violations.", extensible: true);

        yield return G("FPVLSTATS", "ptops_fp_vlstats", "fpvlstats", Fp, Filter, [],
            [
                K("F-P", "fastpath_pcp_queries_total", "PCP policy queries enforced on the fast path."),
                K("F-W", "fastpath_wpcp_queries_total", "WPCP policy queries enforced on the fast path."),
                K("F-B", "fastpath_blacklist_queries_total", "Blacklisted queries enforced on the fast path."),
                K("F-BA", "fastpath_block_all_queries_total", "Block-all queries enforced on the fast path."),
                K("N-P", "named_pcp_queries_total", "PCP policy queries enforced by named."),
                K("N-W", "named_wpcp_queries_total", "WPCP policy queries enforced by named."),
                K("N-B", "named_blacklist_queries_total", "Blacklisted queries enforced by named."),
                K("N-R", "named_rpz_queries_total", "RPZ queries enforced by named."),
                K("N-BA", "named_block_all_queries_total", "Block-all queries enforced by named."),
                K("N-DD", "named_device_discovery_queries_total", "Device discovery queries handled by named."),
                K("T-F", "fastpath_violations_total", "Total policy violations on the fast path."),
                K("T-B", "named_violations_total", "Total policy violations in named."),
            ],
            "Policy enforcement counters: F-* enforced on the fast path, N-* by named, T-* totals.", extensible: true);

        yield return G("FPS", "ptops_fp_status", "fps", Fp, Filter, [],
            [
                Counter("incoming_dns_packets", "packets", "DNS packets received by the fast path."),
                Counter("outgoing_dns_packets", "packets", "DNS packets sent by the fast path."),
                Counter("dropped_dns_packets", "packets", "DNS packets dropped by the fast path."),
                Counter("missed_dns_packets", "packets", "DNS packets that missed the cache."),
                Counter("hit_dns_packets", "packets", "DNS packets answered from the cache."),
                Counter("bypass_dns_packets", "packets", "DNS packets bypassing the fast path to named."),
            ],
            "Fast path DNS packet status: in/out/dropped and cache miss/hit/bypass counters.");

        yield return G("FPC", "ptops_fp_cpu", "fpc", Fp, Filter,
            [L("cpu", "Fast-path core number.", indexed: true)],
            [
                Gauge("cpu_busy_percent", "percent", "Share of the interval the fast-path core spent on packet work (it polls, so OS CPU shows 100%)."),
                Counter("cycles_total", "cycles", "CPU cycles spent on packet work."),
                Gauge("cycles_per_packet", "cycles", "Cycles per packet from the NIC."),
                Gauge("cycles_ic_pkt", "cycles", "Cycles per inter-core packet."),
            ],
            "Fast path per-core busy percent and cycles per packet. The header line 'FPC Fast path CPU usage:' is kept as a text record.");

        yield return G("FPP", "ptops_fp_packets", "fpp", Fp, Filter, [],
            [
                Counter("total_cycles", "cycles", "Total fast-path cycles."),
                Counter("total_packets", "packets", "Total fast-path packets."),
            ],
            "Fast path totals of cycles and packets.");

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
                    Gauge("interfaces", "interfaces", $"Number of {what} listener interfaces."),
                    K("rx", "rx_packets_total", $"{what} packets received.", unit: "packets"),
                    K("tx", "tx_packets_total", $"{what} packets sent.", unit: "packets"),
                    K("dp", "dropped_packets_total", $"{what} packets dropped.", unit: "packets"),
                    K("qd", "queue_drops_total", $"{what} queries dropped because a queue was full.", unit: "queries"),
                    K("os", "opened_sessions_total", $"{what} sessions opened.", unit: "sessions"),
                    K("cs", "closed_sessions_total", $"{what} sessions closed.", unit: "sessions"),
                    K("as", "active_sessions", $"{what} sessions open now.", MetricKind.Gauge, "sessions"),
                ],
                $"{what} listener statistics per interface address: packets, drops, sessions.", extensible: true);
        }

        string[] reqCols = ["requests_total", "unspecified_total", "sub_count_total", "sub_create_total", "sub_update_total",
            "sub_delete_total", "unspecified_mod_total", "sub_add_info_total", "sub_update_info_total", "sub_update_policy_total"];
        yield return G("IMCAPI_REQ", "ptops_imcapi_req", "imcapi_req", Fp, Filter, [],
            [.. reqCols.Select(c => Counter(c, "requests", $"IMC API requests: {c.Replace("_total", "").Replace('_', ' ')}."))],
            "IMC API (subscriber management) request counters by request type.");

        yield return G("IMCAPI_RESP", "ptops_imcapi_resp", "imcapi_resp", Fp, Filter,
            [L("request_type", "Request type (unspecified, sub_count, sub_add, ... or 'all').", indexed: true), L("response_type", "Response slot: success, failure, r3..r7, or 'all'.")],
            [Counter("responses_total", "responses", "IMC API responses of this response type to this request type.")],
            "IMC API responses: 9 request types x 7 response slots, plus the overall total.");

        yield return G("IMCDR_NODES", "ptops_imcdr_nodes", "imcdr_nodes", Fp, Filter, [],
            [
                Gauge("node_count", "nodes", "Nodes in the IMC data replication cluster."),
                Gauge("peer_count", "peers", "Peers connected for data replication."),
            ],
            "IMC data replication cluster membership. The id@ip node list is kept as a text record.");

        string[] ev = ["add_peer", "add_client", "add_sent_peer", "del_peer", "del_sent_peer", "del_client_gc", "add_sent_snoopers",
            "del_sent_snoopers", "total_recv", "total_sent", "total_cache_events"];
        yield return G("IMCDR_EVENT_STATS", "ptops_imcdr_events", "imcdr_events", Fp, Filter, [],
            [.. ev.Select(c => Counter(c + "_total", "events", $"IMC data replication events: {c.Replace('_', ' ')}."))],
            "IMC data replication event counters.");

        string[] conn = ["closed_hung", "add_on_start", "close_on_exit", "close_send_err", "close_recv_err", "close_access_denied", "add_peer_conn", "close_on_exit_repo"];
        yield return G("IMCDR_CONN_STATS", "ptops_imcdr_conn", "imcdr_conn", Fp, Filter, [],
            [.. conn.Select(c => Counter(c + "_total", "connections", $"IMC data replication connections: {c.Replace('_', ' ')}."))],
            "IMC data replication connection counters.");

        yield return G("IMCDR_FRR", "ptops_imcdr_frr", "imcdr_frr", Fp, Filter,
            [L("phys_oid", "Physical object id of the peer."), L("peer_ip", "Peer IP address.", indexed: true)],
            [
                Counter("timeout_replies_total", "replies", "Replication fetch requests that timed out."),
                Counter("conn_lost_total", "events", "Replication connections lost."),
                Counter("successful_loads_total", "loads", "Successful replication loads."),
                Counter("null_cache_replies_total", "replies", "Replies with an empty cache."),
                Counter("unknown_cache_replies_total", "replies", "Replies with an unknown cache."),
            ],
            "IMC data replication fetch-request (FRR) statistics per peer.");

        yield return G("IMCDR_FRS", "ptops_imcdr_frs", "imcdr_frs", Fp, Filter,
            [L("phys_oid", "Physical object id of the peer."), L("peer_ip", "Peer IP address.", indexed: true)],
            [
                Gauge("fd", "fd", "File descriptor of the replication socket."),
                Counter("events_sent_total", "events", "Replication events sent to the peer."),
            ],
            "IMC data replication fetch-response (FRS) statistics per peer.");

        yield return G("IMCDR_MEM_STATS", "ptops_imcdr_mem", "imcdr_mem", Fp, Filter, [],
            [
                Gauge("hash_init_bytes", "bytes", "Bytes allocated for the replication hash at start."),
                Gauge("reserved_bytes", "bytes", "Bytes reserved by the replication cache."),
                Counter("alloc_calls_total", "calls", "Allocation calls."),
                Counter("dealloc_bytes_total", "bytes", "Bytes freed."),
                Counter("dealloc_calls_total", "calls", "Free calls."),
                Gauge("record_count", "records", "Records in the replication cache."),
            ],
            "IMC data replication memory usage.");
    }
}
