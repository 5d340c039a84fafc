using static PerfAspire.Tests.Parsing.ParserHarness;

namespace PerfAspire.Tests.Parsing;

/// <summary>docs/ptop-format.md §3.12: fast path key/value families, FPS/FPC/FPP, DoT/DoH/TCP DCA, IMC API, IMCDR.</summary>
public class FastPathLineTests
{
    [Fact]
    public void Fpmbuf_with_glued_percent()
    {
        var row = Single("FPMBUF bc 20470 mac 45066 bup 45.42%", "ptops_fp_mbuf");
        Assert.Equal(20470, row["mbufs_in_use"]);
        Assert.Equal(45066, row["mbufs_available"]);
        Assert.Equal(45.42, row["mbuf_utilization_percent"]);
    }

    [Fact]
    public void Fpports()
    {
        var row = Single("FPPORTS port0 ip 3146 op 7 ib 382755 ob 348 ie 0 oe 0 mc 0 im 0 in 0", "ptops_fp_ports");
        Assert.Equal("port0", row.Label("port"));
        Assert.Equal(3146, row["rx_packets_total"]);
        Assert.Equal(7, row["tx_packets_total"]);
        Assert.Equal(382755, row["rx_bytes_total"]);
        Assert.Equal(348, row["tx_bytes_total"]);
        Assert.Equal(0, row["rx_errors_total"]);
        Assert.Equal(0, row["tx_errors_total"]);
        Assert.Equal(0, row["rx_multicast_packets_total"]);
        Assert.Equal(0, row["rx_missed_packets_total"]);
        Assert.Equal(0, row["rx_nombuf_drops_total"]);
    }

    [Fact]
    public void Fpprxy_hsc_is_the_msp_index_label()
    {
        var row = Single("FPPRXY hsc 1 ccs 4 cnc 2 qah 100 caqh 3 qfah 0 qpb 5 qth 7 rmsp 90 mrsc 89 rfsc 1 rpfse 0 rpfst 0 rpftn 2 rpse 0 rpvnf 0 rrhf 0 rpv6nf 0 rpv4nf 0", "ptops_fp_proxy");
        Assert.Equal("1", row.Label("msp_index"));
        Assert.Equal(4, row["connected_cores"]);
        Assert.Equal(2, row["reconnects_total"]);
        Assert.Equal(100, row["queries_added_to_hash_total"]);
        Assert.Equal(3, row["active_queries"]);
        Assert.Equal(5, row["queries_passed_to_bind_total"]);
        Assert.Equal(7, row["query_timeouts_total"]);
        Assert.Equal(90, row["responses_from_msp_total"]);
        Assert.Equal(89, row["responses_sent_to_client_total"]);
        Assert.Equal(1, row["response_send_failures_total"]);
        Assert.Equal(2, row["response_txid_not_found_total"]);
    }

    [Fact]
    public void Fppref_key_starting_with_a_digit()
    {
        var row = Single("FPPREF ti 60 qc 10 mfat 1 4aqc 9 mf4a 2 ftxn 0 stxn 19 raq 10 r4aq 8", "ptops_fp_prefetch");
        Assert.Equal(60, row["timer_iterations_total"]);
        Assert.Equal(10, row["a_query_created_total"]);
        Assert.Equal(1, row["aaaa_query_mbuf_alloc_failures_total"]);
        Assert.Equal(9, row["aaaa_query_created_total"]);
        Assert.Equal(2, row["a_query_mbuf_alloc_failures_total"]);
        Assert.Equal(0, row["query_enqueue_failures_total"]);
        Assert.Equal(19, row["query_enqueued_total"]);
        Assert.Equal(10, row["a_response_handled_total"]);
        Assert.Equal(8, row["aaaa_response_handled_total"]);
    }

    [Fact]
    public void Fpdca()
    {
        var row = Single("FPDCA dca_pass_to_bind 120 pcp_pass_to_bind 4 dca_non_cacheable_response 33", "ptops_fp_dca");
        Assert.Equal(120, row["queries_passed_to_bind_total"]);
        Assert.Equal(4, row["pcp_queries_passed_to_bind_total"]);
        Assert.Equal(33, row["non_cacheable_responses_total"]);
    }

    [Fact]
    public void Fprrstats_req_and_res_blocks()
    {
        var row = Single("FPRRSTATS REQ a 100 aaaa 50 mx 3 ptr 7 cname 1 t64 2 t65 4 other 9 RES a 98 aaaa 49 mx 3 ptr 6 cname 1 t64 2 t65 3 other 8", "ptops_fp_rrstats");
        Assert.Equal(100, row["queries_a_total"]);
        Assert.Equal(50, row["queries_aaaa_total"]);
        Assert.Equal(3, row["queries_mx_total"]);
        Assert.Equal(7, row["queries_ptr_total"]);
        Assert.Equal(1, row["queries_cname_total"]);
        Assert.Equal(2, row["queries_svcb_total"]);
        Assert.Equal(4, row["queries_https_total"]);
        Assert.Equal(9, row["queries_other_total"]);
        Assert.Equal(98, row["responses_a_total"]);
        Assert.Equal(49, row["responses_aaaa_total"]);
        Assert.Equal(6, row["responses_ptr_total"]);
        Assert.Equal(3, row["responses_https_total"]);
        Assert.Equal(8, row["responses_other_total"]);
    }

    [Fact]
    public void Fprrstats_unknown_type_in_a_block_is_a_new_column()
    {
        var (_, sink) = Parse(Time + "FPRRSTATS REQ a 1 t99 5 RES a 1 t99 4\n");
        var row = Assert.Single(sink.Rows);
        Assert.Equal(5, row["req_t99_total"]);
        Assert.Equal(4, row["res_t99_total"]);
        Assert.Equal(["REQ.t99", "RES.t99"], sink.Changes.Select(c => c.SourceKey));
    }

    [Fact]
    public void Fpdncr()
    {
        var row = Single("FPDNCR neq 10 ewl 2 ewp 3 eu 0 sh 40 psh 5 s4p 6 s6p 7 spcp 1 swpcp 0", "ptops_fp_dncr");
        Assert.Equal(10, row["non_edns0_queries_total"]);
        Assert.Equal(2, row["edns0_with_localid_total"]);
        Assert.Equal(3, row["edns0_with_policyid_total"]);
        Assert.Equal(0, row["edns0_unknown_options_total"]);
        Assert.Equal(40, row["subscriber_hits_total"]);
        Assert.Equal(5, row["policy_id_subscriber_hits_total"]);
        Assert.Equal(6, row["subscriber_ipv4_prefix_hits_total"]);
        Assert.Equal(7, row["subscriber_ipv6_prefix_hits_total"]);
        Assert.Equal(1, row["subscriber_pcp_violations_total"]);
        Assert.Equal(0, row["subscriber_wpcp_violations_total"]);
    }

    [Fact]
    public void Fpvlstats_keys_with_hyphens()
    {
        var row = Single("FPVLSTATS F-P 1 F-W 2 F-B 3 F-BA 4 N-P 5 N-W 6 N-B 7 N-R 8 N-BA 9 N-DD 10 T-F 11 T-B 12", "ptops_fp_vlstats");
        Assert.Equal(1, row["fastpath_pcp_queries_total"]);
        Assert.Equal(2, row["fastpath_wpcp_queries_total"]);
        Assert.Equal(3, row["fastpath_blacklist_queries_total"]);
        Assert.Equal(4, row["fastpath_block_all_queries_total"]);
        Assert.Equal(5, row["named_pcp_queries_total"]);
        Assert.Equal(6, row["named_wpcp_queries_total"]);
        Assert.Equal(7, row["named_blacklist_queries_total"]);
        Assert.Equal(8, row["named_rpz_queries_total"]);
        Assert.Equal(9, row["named_block_all_queries_total"]);
        Assert.Equal(10, row["named_device_discovery_queries_total"]);
        Assert.Equal(11, row["fastpath_violations_total"]);
        Assert.Equal(12, row["named_violations_total"]);
    }

    [Fact]
    public void Fps()
    {
        var row = Single("FPS iod 2 2 0 mhb 2 0 0", "ptops_fp_status");
        Assert.Equal(2, row["incoming_dns_packets"]);
        Assert.Equal(2, row["outgoing_dns_packets"]);
        Assert.Equal(0, row["dropped_dns_packets"]);
        Assert.Equal(2, row["missed_dns_packets"]);
        Assert.Equal(0, row["hit_dns_packets"]);
        Assert.Equal(0, row["bypass_dns_packets"]);
    }

    [Fact]
    public void Fpc_data_line_and_header_text_record()
    {
        var (stats, sink) = Parse(Time + "FPC Fast path CPU usage:\nFPC 8 8 47935828 12652 0\n");
        var row = Assert.Single(sink.Rows);
        Assert.Equal("ptops_fp_cpu", row.Table);
        Assert.Equal("8", row.Label("cpu"));
        Assert.Equal(8, row["cpu_busy_percent"]);
        Assert.Equal(47935828, row["cycles_total"]);
        Assert.Equal(12652, row["cycles_per_packet"]);
        Assert.Equal(0, row["cycles_ic_pkt"]);
        var text = Assert.Single(sink.Texts);
        Assert.Equal("FPC", text.Prefix);
        Assert.Equal("FPC Fast path CPU usage:", text.Body);
        Assert.Equal(2, text.LineNo);
        Assert.Equal(1, stats.Prefixes["FPC"].TextLines);
        Assert.Equal(1, stats.Prefixes["FPC"].DataLines);
    }

    [Fact]
    public void Fpp()
    {
        var row = Single("FPP 53460994 5306", "ptops_fp_packets");
        Assert.Equal(53460994, row["total_cycles"]);
        Assert.Equal(5306, row["total_packets"]);
    }

    [Fact]
    public void Unknown_fp_family_becomes_a_generic_table()
    {
        var (stats, sink) = Parse(Time + "FPDTOB tq 5 tr-x 7 9z 1\nFPDTOB tq 6 tr-x 8 9z 2\n");
        Assert.Equal(2, sink.Rows.Count);
        Assert.All(sink.Rows, r => Assert.Equal("ptops_fp_dtob", r.Table));
        Assert.Equal(6, sink.Rows[1]["tq_total"]);
        Assert.Equal(8, sink.Rows[1]["tr_x_total"]);
        Assert.Equal(2, sink.Rows[1]["k_9z_total"]);
        Assert.True(sink.Changes[0].IsNewTable);
        Assert.Equal("fpdtob", sink.Changes[0].Layout.Group.Prefix);
        Assert.Equal(4, sink.Changes.Count);
        Assert.Empty(stats.Warnings);
        Assert.Equal(2, stats.Prefixes["FPDTOB"].Rows);
    }

    [Fact]
    public void Unknown_fp_family_without_auto_update_is_an_unknown_prefix_text_record()
    {
        var (stats, sink) = Parse(Time + "FPDTOB tq 5\n", autoUpdate: false);
        Assert.Empty(sink.Rows);
        Assert.Equal("FPDTOB tq 5", Assert.Single(sink.Texts).Body);
        Assert.Equal(1, stats.Warnings["unknown_prefix:FPDTOB"]);
    }

    [Fact]
    public void Unknown_key_on_a_known_group_is_a_new_column_or_a_counted_warning()
    {
        var (_, sink) = Parse(Time + "FPMBUF bc 1 mac 2 bup 3% newkey 4\n");
        Assert.Equal(4, Assert.Single(sink.Rows)["newkey_total"]);
        Assert.Equal("newkey", Assert.Single(sink.Changes).SourceKey);

        var (stats, off) = Parse(Time + "FPMBUF bc 1 mac 2 bup 3% newkey 4\nFPMBUF bc 1 mac 2 bup 3% newkey 5\n", autoUpdate: false);
        Assert.Equal(2, off.Rows.Count);
        Assert.Equal(2, stats.Warnings["unknown_key:FPMBUF:newkey"]);
        Assert.Equal(1, off.Rows[0]["mbufs_in_use"]);
    }

    [Fact]
    public void Dot_doh_and_tcp_dca()
    {
        var dot = Single("DOT_STAT 1 10.35.133.3 TLS rx 10 tx 8 dp 2 qd 1 os 3 cs 2 as 1", "ptops_dot");
        Assert.Equal("10.35.133.3", dot.Label("interface_address"));
        Assert.Equal("TLS", dot.Label("protocol"));
        Assert.Equal(1, dot["interfaces"]);
        Assert.Equal(10, dot["rx_packets_total"]);
        Assert.Equal(8, dot["tx_packets_total"]);
        Assert.Equal(2, dot["dropped_packets_total"]);
        Assert.Equal(1, dot["queue_drops_total"]);
        Assert.Equal(3, dot["opened_sessions_total"]);
        Assert.Equal(2, dot["closed_sessions_total"]);
        Assert.Equal(1, dot["active_sessions"]);

        var doh = Single("DOH_STAT 1 10.35.133.3 rx 10 tx 8 dp 2 qd 1 os 3 cs 2 as 1", "ptops_doh");
        Assert.Equal("10.35.133.3", doh.Label("interface_address"));
        Assert.Equal(1, doh["interfaces"]);
        Assert.Equal(10, doh["rx_packets_total"]);
        Assert.Equal(1, doh["active_sessions"]);

        var tcp = Single("TCP_DCA_STAT 2 10.35.133.4 rx 30 tx 28 dp 0 qd 0 os 5 cs 4 as 1", "ptops_tcp_dca");
        Assert.Equal(2, tcp["interfaces"]);
        Assert.Equal(28, tcp["tx_packets_total"]);
        Assert.Equal(5, tcp["opened_sessions_total"]);
    }

    [Fact]
    public void Imcapi_req_positional()
    {
        var row = Single("IMCAPI_REQ 9 2 1 2 4 0 1 1 1 1", "ptops_imcapi_req");
        Assert.Equal(9, row["requests_total"]);
        Assert.Equal(2, row["unspecified_total"]);
        Assert.Equal(1, row["sub_count_total"]);
        Assert.Equal(2, row["sub_create_total"]);
        Assert.Equal(4, row["sub_update_total"]);
        Assert.Equal(0, row["sub_delete_total"]);
        Assert.Equal(1, row["unspecified_mod_total"]);
        Assert.Equal(1, row["sub_add_info_total"]);
        Assert.Equal(1, row["sub_update_info_total"]);
        Assert.Equal(1, row["sub_update_policy_total"]);
    }

    [Fact]
    public void Imcapi_resp_fans_out_to_64_rows()
    {
        var (_, sink) = Parse(Time + "IMCAPI_RESP " + string.Join(' ', Enumerable.Range(0, 64).Select(i => i * 10)) + "\n");
        Assert.Equal(64, sink.Rows.Count);
        Assert.Equal(("all", "all", 0.0), (sink.Rows[0].Label("request_type"), sink.Rows[0].Label("response_type"), sink.Rows[0]["responses_total"]));
        Assert.Equal(("unspecified", "success", 10.0), (sink.Rows[1].Label("request_type"), sink.Rows[1].Label("response_type"), sink.Rows[1]["responses_total"]));
        Assert.Equal(("unspecified", "failure", 20.0), (sink.Rows[2].Label("request_type"), sink.Rows[2].Label("response_type"), sink.Rows[2]["responses_total"]));
        Assert.Equal(("unspecified", "r7", 70.0), (sink.Rows[7].Label("request_type"), sink.Rows[7].Label("response_type"), sink.Rows[7]["responses_total"]));
        Assert.Equal(("sub_count", "success", 80.0), (sink.Rows[8].Label("request_type"), sink.Rows[8].Label("response_type"), sink.Rows[8]["responses_total"]));
        Assert.Equal(("sub_update_policy", "r7", 630.0), (sink.Rows[63].Label("request_type"), sink.Rows[63].Label("response_type"), sink.Rows[63]["responses_total"]));
        Assert.Equal(64, sink.Rows.Select(r => (r.Label("request_type"), r.Label("response_type"))).Distinct().Count());
    }

    [Fact]
    public void Imcdr_nodes_row_and_node_list_text()
    {
        var (stats, sink) = Parse(Time + "IMCDR_NODES 1751000000 3 2 1@10.0.0.1 2@10.0.0.2 3@10.0.0.3\n");
        var row = Assert.Single(sink.Rows);
        Assert.Equal("ptops_imcdr_nodes", row.Table);
        Assert.Equal(3, row["node_count"]);
        Assert.Equal(2, row["peer_count"]);
        var text = Assert.Single(sink.Texts);
        Assert.Equal("IMCDR_NODES", text.Prefix);
        Assert.Equal("1@10.0.0.1 2@10.0.0.2 3@10.0.0.3", text.Body);
        Assert.Equal(EpochMicros, text.TsMicros);
        Assert.Equal(1, stats.DataLines);
        Assert.Equal(0, stats.TextLines);
    }

    [Fact]
    public void Imcdr_event_conn_and_mem_stats()
    {
        var ev = Single("IMCDR_EVENT_STATS 1 2 3 4 5 6 7 8 9 10 11", "ptops_imcdr_events");
        Assert.Equal(1, ev["add_peer_total"]);
        Assert.Equal(6, ev["del_client_gc_total"]);
        Assert.Equal(11, ev["total_cache_events_total"]);
        var conn = Single("IMCDR_CONN_STATS 1 2 3 4 5 6 7 8", "ptops_imcdr_conn");
        Assert.Equal(1, conn["closed_hung_total"]);
        Assert.Equal(6, conn["close_access_denied_total"]);
        Assert.Equal(8, conn["close_on_exit_repo_total"]);
        var mem = Single("IMCDR_MEM_STATS 1048576 2097152 300 4096 200 150", "ptops_imcdr_mem");
        Assert.Equal(1048576, mem["hash_init_bytes"]);
        Assert.Equal(2097152, mem["reserved_bytes"]);
        Assert.Equal(300, mem["alloc_calls_total"]);
        Assert.Equal(4096, mem["dealloc_bytes_total"]);
        Assert.Equal(200, mem["dealloc_calls_total"]);
        Assert.Equal(150, mem["record_count"]);
    }

    [Fact]
    public void Imcdr_frr_and_frs_with_oid_in_the_prefix()
    {
        var frr = Single("IMCDR_FRR12_STATS 12 10.0.0.2 1 2 3 4 5", "ptops_imcdr_frr");
        Assert.Equal("12", frr.Label("phys_oid"));
        Assert.Equal("10.0.0.2", frr.Label("peer_ip"));
        Assert.Equal(1, frr["timeout_replies_total"]);
        Assert.Equal(2, frr["conn_lost_total"]);
        Assert.Equal(3, frr["successful_loads_total"]);
        Assert.Equal(4, frr["null_cache_replies_total"]);
        Assert.Equal(5, frr["unknown_cache_replies_total"]);
        var frs = Single("IMCDR_FRS7_STATS 7 10.0.0.3 42 1000", "ptops_imcdr_frs");
        Assert.Equal("7", frs.Label("phys_oid"));
        Assert.Equal("10.0.0.3", frs.Label("peer_ip"));
        Assert.Equal(42, frs["fd"]);
        Assert.Equal(1000, frs["events_sent_total"]);
    }
}
