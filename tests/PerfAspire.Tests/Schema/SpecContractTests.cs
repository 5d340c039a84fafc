using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Schema;

/// <summary>
/// The shipped spec against the public names of docs/ptop-format.md §3: every group with its table, metric prefix,
/// metric_category, load filter, labels, and every metric column with its kind. A rename fails here.
/// </summary>
public sealed class SpecContractTests
{
    // record group | table | prefix | category | filter | labels | column:kind,...  (kinds: g r c d hb ha)
    static readonly string[] Expected =
    [
        "CPU|ptops_cpu|cpu|cpu|CPU|cpu|utilization:g,idle_percent:g,iowait_percent:g,user_percent:g,system_percent:g,nice_percent:g,irq_percent:g,softirq_percent:g",
        "MEM|ptops_mem|mem|memory|MEM||total_bytes:g,free_percent:g,buffers_percent:g,cached_percent:g,slab_percent:g,anon_percent:g,sysv_shm_percent:g,swap_used_percent:g,available_percent:g,swap_total_bytes:g,hugepages_total:g,hugepages_free:g,pgpgin_per_sec:r,pgpgout_per_sec:r,swapin_per_sec:r,swapout_per_sec:r",
        "DISK|ptops_disk|disk|disk|DISK|device,disk_index|reads_per_sec:r,writes_per_sec:r,read_kb_per_sec:r,write_kb_per_sec:r,read_avg_kb:g,write_avg_kb:g,read_avg_ms:g,write_avg_ms:g,service_time_ms:g,avg_queue_len:g,busy_percent:g",
        "NET|ptops_net|net|network|NET|interface|rx_packets_per_sec:r,rx_kb_per_sec:r,tx_packets_per_sec:r,tx_kb_per_sec:r,rx_drops_per_sec:r,tx_drops_per_sec:r",
        "NET ifstat|ptops_net_ifstat|net|network|NET|interface|rx_packets_total:c,rx_bytes_total:c,tx_packets_total:c,tx_bytes_total:c,rx_dropped_packets_total:c,tx_dropped_packets_total:c",
        "TOP|ptops_top|top|process|TOP|pid,ppid,exec,container_id,container_pid,container_name|cpu_percent:g,total_cpu_seconds:c,user_cpu_seconds:c,system_cpu_seconds:c,last_cpu:g",
        "SMAPS|ptops_smaps|smaps|memory_map|SMAPS|pid,command|vm_size_kb:g,rss_kb:g,rss_minus_shmem_kb:g,swap_kb:g,shared_total_kb:g,shared_dirty_kb:g,private_total_kb:g,private_dirty_kb:g,shmem_total_kb:g,shmem_dirty_kb:g",
        "DBWR|ptops_dbwr|dbwr|db_histogram|DB|bucket|bucket_count_total:hb,bucket_avg_latency_seconds:ha",
        "DBWA|ptops_dbwa|dbwa|db_histogram|DB|bucket|bucket_count_total:hb,bucket_avg_latency_seconds:ha",
        "DBRD|ptops_dbrd|dbrd|db_histogram|DB|bucket|bucket_count_total:hb,bucket_avg_latency_seconds:ha",
        "DBMPOOL|ptops_dbmpool|dbmpool|db|DB||cache_size_mib:g,pages_total:g,pages_clean:g,pages_dirty:g,pages_created:d,pages_in:d,pages_out:d,pages_alloc:d,cache_hits:d,cache_misses:d,ro_evicts:d,rw_evicts:d,buffers_frozen:d,buffers_thawed:d",
        "NODE|ptops_node|node|memory|MEM|node|total_bytes:g,free_percent:g,used_percent:g",
        "BUDDY|ptops_buddy|buddy|memory|MEM|node,zone|total_free_bytes:g,avg_block_bytes:g," + string.Join(",", Enumerable.Range(0, 11).Select(i => $"free_blocks_order_{i}:g")),
        "SLAB|ptops_slab|slab|memory|MEM|cache|active_objects:g,total_objects:g,memory_mib:g,waste_percent:g",
        "BALLOON|ptops_balloon|balloon|memory|MEM||memory_mb:g",
        "UDP|ptops_udp|udp|network|NET|local_address,local_port,remote_address,remote_port,inode|rx_queue_bytes:g,tx_queue_bytes:g,drops:d",
        "SNMP.Ip|ptops_snmp_ip|snmp_ip|network|NET||in_receives_per_sec:r,delivered_per_sec:r,in_discards_per_sec:r,out_requests_per_sec:r,out_discards_per_sec:r,header_errors:c,address_errors:c,unknown_protocol:c",
        "SNMP.Udp|ptops_snmp_udp|snmp_udp|network|NET||in_datagrams_per_sec:r,out_datagrams_per_sec:r,receive_buffer_errors:c,send_buffer_errors:c,no_ports:c,in_errors:c",
        "CCPU|ptops_ccpu|ccpu|container|OTHER|container_id,container_name,cpu|user_percent:g,system_percent:g",
        "CMEM|ptops_cmem|cmem|container|OTHER|container_id,container_name|page_cache_kb:g,file_backed_kb:g,rss_kb:g,rss_huge_kb:g,shmem_kb:g,swap_kb:g,unevictable_kb:g,pgpgin_per_sec:r,pgpgout_per_sec:r",
        "CDISK|ptops_cdisk|cdisk|container|OTHER|container_id,container_name,device,device_major|reads_per_sec:r,read_kb_per_sec:r,writes_per_sec:r,write_kb_per_sec:r,read_avg_kb:g,write_avg_kb:g",
        "FPMBUF|ptops_fp_mbuf|fpm|fastpath|FASTPATH||mbufs_in_use:g,mbufs_available:g,mbuf_utilization_percent:g",
        "FPPORTS|ptops_fp_ports|fpports|fastpath|FASTPATH|port|rx_packets_total:c,tx_packets_total:c,rx_bytes_total:c,tx_bytes_total:c,rx_errors_total:c,tx_errors_total:c,rx_multicast_packets_total:c,rx_missed_packets_total:c,rx_nombuf_drops_total:c",
        "FPPRXY|ptops_fp_proxy|fpprxy|fastpath|FASTPATH|msp_index|connected_cores:g,reconnects_total:c,queries_added_to_hash_total:c,active_queries:g,query_add_failures_total:c,queries_passed_to_bind_total:c,query_timeouts_total:c,responses_from_msp_total:c,responses_sent_to_client_total:c,response_send_failures_total:c,response_parse_status_failures_total:c,response_parse_txid_failures_total:c,response_txid_not_found_total:c,response_subid_empty_total:c,response_vip_not_found_total:c,response_hash_remove_failures_total:c,response_pvipv6_not_found_total:c,response_pvipv4_not_found_total:c",
        "FPPREF|ptops_fp_prefetch|fppref|fastpath|FASTPATH||timer_iterations_total:c,a_query_created_total:c,aaaa_query_mbuf_alloc_failures_total:c,aaaa_query_created_total:c,a_query_mbuf_alloc_failures_total:c,query_enqueue_failures_total:c,query_enqueued_total:c,a_response_handled_total:c,aaaa_response_handled_total:c",
        "FPDCA|ptops_fp_dca|fpdca|fastpath|FASTPATH||queries_passed_to_bind_total:c,pcp_queries_passed_to_bind_total:c,non_cacheable_responses_total:c",
        "FPRRSTATS|ptops_fp_rrstats|fprrstats|fastpath|FASTPATH||" + string.Join(",", new[] { "queries", "responses" }.SelectMany(w => new[] { "a", "aaaa", "mx", "ptr", "cname", "svcb", "https", "other" }.Select(t => $"{w}_{t}_total:c"))),
        "FPDNCR|ptops_fp_dncr|fpdncr|fastpath|FASTPATH||non_edns0_queries_total:c,edns0_with_localid_total:c,edns0_with_policyid_total:c,edns0_unknown_options_total:c,subscriber_hits_total:c,policy_id_subscriber_hits_total:c,subscriber_ipv4_prefix_hits_total:c,subscriber_ipv6_prefix_hits_total:c,subscriber_pcp_violations_total:c,subscriber_wpcp_violations_total:c",
        "FPVLSTATS|ptops_fp_vlstats|fpvlstats|fastpath|FASTPATH||fastpath_pcp_queries_total:c,fastpath_wpcp_queries_total:c,fastpath_blacklist_queries_total:c,fastpath_block_all_queries_total:c,named_pcp_queries_total:c,named_wpcp_queries_total:c,named_blacklist_queries_total:c,named_rpz_queries_total:c,named_block_all_queries_total:c,named_device_discovery_queries_total:c,fastpath_violations_total:c,named_violations_total:c",
        "FPS|ptops_fp_status|fps|fastpath|FASTPATH||incoming_dns_packets:c,outgoing_dns_packets:c,dropped_dns_packets:c,missed_dns_packets:c,hit_dns_packets:c,bypass_dns_packets:c",
        "FPC|ptops_fp_cpu|fpc|fastpath|FASTPATH|cpu|cpu_busy_percent:g,cycles_total:c,cycles_per_packet:g,cycles_ic_pkt:g",
        "FPP|ptops_fp_packets|fpp|fastpath|FASTPATH||total_cycles:c,total_packets:c",
        "DOT_STAT|ptops_dot|dot|fastpath|FASTPATH|interface_address,protocol|interfaces:g,rx_packets_total:c,tx_packets_total:c,dropped_packets_total:c,queue_drops_total:c,opened_sessions_total:c,closed_sessions_total:c,active_sessions:g",
        "DOH_STAT|ptops_doh|doh|fastpath|FASTPATH|interface_address|interfaces:g,rx_packets_total:c,tx_packets_total:c,dropped_packets_total:c,queue_drops_total:c,opened_sessions_total:c,closed_sessions_total:c,active_sessions:g",
        "TCP_DCA_STAT|ptops_tcp_dca|tcp_dca|fastpath|FASTPATH|interface_address|interfaces:g,rx_packets_total:c,tx_packets_total:c,dropped_packets_total:c,queue_drops_total:c,opened_sessions_total:c,closed_sessions_total:c,active_sessions:g",
        "IMCAPI_REQ|ptops_imcapi_req|imcapi_req|fastpath|FASTPATH||requests_total:c,unspecified_total:c,sub_count_total:c,sub_create_total:c,sub_update_total:c,sub_delete_total:c,unspecified_mod_total:c,sub_add_info_total:c,sub_update_info_total:c,sub_update_policy_total:c",
        "IMCAPI_RESP|ptops_imcapi_resp|imcapi_resp|fastpath|FASTPATH|request_type,response_type|responses_total:c",
        "IMCDR_NODES|ptops_imcdr_nodes|imcdr_nodes|fastpath|FASTPATH||node_count:g,peer_count:g",
        "IMCDR_EVENT_STATS|ptops_imcdr_events|imcdr_events|fastpath|FASTPATH||add_peer_total:c,add_client_total:c,add_sent_peer_total:c,del_peer_total:c,del_sent_peer_total:c,del_client_gc_total:c,add_sent_snoopers_total:c,del_sent_snoopers_total:c,total_recv_total:c,total_sent_total:c,total_cache_events_total:c",
        "IMCDR_CONN_STATS|ptops_imcdr_conn|imcdr_conn|fastpath|FASTPATH||closed_hung_total:c,add_on_start_total:c,close_on_exit_total:c,close_send_err_total:c,close_recv_err_total:c,close_access_denied_total:c,add_peer_conn_total:c,close_on_exit_repo_total:c",
        "IMCDR_FRR|ptops_imcdr_frr|imcdr_frr|fastpath|FASTPATH|phys_oid,peer_ip|timeout_replies_total:c,conn_lost_total:c,successful_loads_total:c,null_cache_replies_total:c,unknown_cache_replies_total:c",
        "IMCDR_FRS|ptops_imcdr_frs|imcdr_frs|fastpath|FASTPATH|phys_oid,peer_ip|fd:g,events_sent_total:c",
        "IMCDR_MEM_STATS|ptops_imcdr_mem|imcdr_mem|fastpath|FASTPATH||hash_init_bytes:g,reserved_bytes:g,record_count:g,alloc_calls_total:c,dealloc_bytes_total:c,dealloc_calls_total:c",
    ];

    static readonly Dictionary<string, MetricKind> Kinds = new()
    {
        ["g"] = MetricKind.Gauge,
        ["r"] = MetricKind.Rate,
        ["c"] = MetricKind.Counter,
        ["d"] = MetricKind.Delta,
        ["hb"] = MetricKind.HistogramBucket,
        ["ha"] = MetricKind.HistogramAvg,
    };

    public static TheoryData<string> Groups() => [.. Expected];

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_matches_the_public_names(string expected)
    {
        var f = expected.Split('|');
        var g = SchemaSpec.Default.ByRecordGroup(f[0]);
        Assert.True(g is not null, $"record group {f[0]} is missing from the spec");
        Assert.Equal(f[1], g.Table);
        Assert.Equal(f[2], g.Prefix);
        Assert.Equal(f[3], g.Category);
        Assert.Equal(f[4], g.Filter);
        Assert.Equal(f[5].Split(',', StringSplitOptions.RemoveEmptyEntries), g.LabelNames.ToArray());
        var want = f[6].Split(',').Select(x => x.Split(':')).ToDictionary(x => x[0], x => Kinds[x[1]]);
        Assert.Equal(want.Keys.Order(), g.Metrics.Select(m => m.Column).Order());
        foreach (var m in g.Metrics) Assert.True(want[m.Column] == m.Kind, $"{g.MetricName(m)} is {m.Kind.ToSql()}, expected {want[m.Column].ToSql()}");
    }

    [Fact]
    public void Spec_has_exactly_the_documented_groups_plus_text_records()
    {
        Assert.Equal(Expected.Select(e => e.Split('|')[0]).Order(), SchemaSpec.Default.Groups.Select(g => g.RecordGroup).Order());
        Assert.Equal("ptops_text_records", TextRecordsSpec.Table);
        Assert.Equal("text", TextRecordsSpec.Category);
        Assert.Equal(["ts", "bundle_id", "sptid", "metric_category", "host", "file_name", "prefix", "line_no", "text"], TextRecordsSpec.Columns.Select(c => c.Name));
    }

    [Theory]
    [InlineData("cpu_utilization_percent", "cpu_utilization")]
    [InlineData("cpu_hardirq_percent", "cpu_irq_percent")]
    [InlineData("disk_read_kib_per_sec", "disk_read_kb_per_sec")]
    [InlineData("disk_write_kib_per_sec", "disk_write_kb_per_sec")]
    [InlineData("net_rk_packets_per_sec", "net_rx_packets_per_sec")]
    [InlineData("net_rk_kib_per_sec", "net_rx_kb_per_sec")]
    [InlineData("net_tk_packets_per_sec", "net_tx_packets_per_sec")]
    [InlineData("net_tk_kib_per_sec", "net_tx_kb_per_sec")]
    [InlineData("net_rd_drops_per_sec", "net_rx_drops_per_sec")]
    [InlineData("net_td_drops_per_sec", "net_tx_drops_per_sec")]
    [InlineData("fpm_muc", "fpm_mbufs_in_use")]
    [InlineData("fpports_ip_total", "fpports_rx_packets_total")]
    public void Legacy_aliases_point_at_their_metric(string alias, string metric)
    {
        var (g, m) = SchemaSpec.Default.FindMetric(alias)!.Value;
        Assert.Equal(metric, g.MetricName(m));
        Assert.Contains(alias, m.AliasList);
    }

    [Fact]
    public void Shipped_spec_is_valid_and_fully_documented()
    {
        Assert.Empty(SpecValidator.Validate(SchemaSpec.Default.Groups));
        var problems = new List<string>();
        foreach (var (g, m, name) in SchemaSpec.Default.Metrics)
        {
            if (m.Description.Length < 40) problems.Add($"{name}: description too short");
            if (m.Computation.Length < 25) problems.Add($"{name}: computation missing or too short");
            if (!m.Description.TrimEnd().EndsWith('.')) problems.Add($"{name}: description should be sentences");
        }
        foreach (var g in SchemaSpec.Default.Groups)
        {
            if (g.Summary.Length < 60) problems.Add($"{g.RecordGroup}: summary too short");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(SchemaSpec.Default.Groups, g => g.Labels.Any(l => l.Indexed));
    }
}
