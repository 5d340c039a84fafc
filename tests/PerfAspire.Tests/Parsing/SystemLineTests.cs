using static PerfAspire.Tests.Parsing.ParserHarness;

namespace PerfAspire.Tests.Parsing;

/// <summary>docs/ptop-format.md §3.1–3.5, §3.10: every example line parses to the values the document states.</summary>
public class SystemLineTests
{
    [Fact]
    public void Cpu_summary_and_per_core_forms()
    {
        var (stats, sink) = Parse(Time +
            "CPU  cpu u  5.7 id/io 47.4 46.9 u/s/n  0.0  3.6  2.1 irq h/s  0.0  0.0\n" +
            "CPU cpu0 u 14.9 id/io  0.0 85.1 u/s/n  0.0 10.9  4.0 irq h/s  0.0  0.0\n");
        Assert.Equal(0, stats.MalformedLines);
        var all = sink.Rows[0];
        Assert.Equal("ptops_cpu", all.Table);
        Assert.Equal("cpu", all.Label("cpu"));
        Assert.Equal(5.7, all["utilization"]);
        Assert.Equal(47.4, all["idle_percent"]);
        Assert.Equal(46.9, all["iowait_percent"]);
        Assert.Equal(0.0, all["user_percent"]);
        Assert.Equal(3.6, all["system_percent"]);
        Assert.Equal(2.1, all["nice_percent"]);
        Assert.Equal(0.0, all["irq_percent"]);
        Assert.Equal(0.0, all["softirq_percent"]);
        var cpu0 = sink.Rows[1];
        Assert.Equal("cpu0", cpu0.Label("cpu"));
        Assert.Equal(14.9, cpu0["utilization"]);
        Assert.Equal(85.1, cpu0["iowait_percent"]);
        Assert.Equal(10.9, cpu0["system_percent"]);
        Assert.Equal(4.0, cpu0["nice_percent"]);
        Assert.Equal(2, stats.Prefixes["CPU"].Rows);
    }

    [Fact]
    public void Cpu_line_missing_a_value_is_malformed()
    {
        var (stats, sink) = Parse(Time + "CPU cpu0 u 14.9 id/io 0.0 u/s/n 0.0 10.9 4.0 irq h/s 0.0 0.0\n");
        Assert.Empty(sink.Rows);
        Assert.Equal(1, stats.Prefixes["CPU"].MalformedLines);
        Assert.Equal(2, Assert.Single(stats.Prefixes["CPU"].MalformedSamples).LineNo);
    }

    [Fact]
    public void Mem_with_pio_sio_tail()
    {
        var row = Single("MEM t 8381067264 f 2.9 b 9.9 c 66.3 s 0.0 a 3.6 sh 0.0 sw 0.0 4294959104 h 16215 275 A 73.4 pio 12.0 8.0 sio 0.0 0.0", "ptops_mem");
        Assert.Equal(8381067264, row["total_bytes"]);
        Assert.Equal(2.9, row["free_percent"]);
        Assert.Equal(9.9, row["buffers_percent"]);
        Assert.Equal(66.3, row["cached_percent"]);
        Assert.Equal(0.0, row["slab_percent"]);
        Assert.Equal(3.6, row["anon_percent"]);
        Assert.Equal(0.0, row["sysv_shm_percent"]);
        Assert.Equal(0.0, row["swap_used_percent"]);
        Assert.Equal(4294959104, row["swap_total_bytes"]);
        Assert.Equal(16215, row["hugepages_total"]);
        Assert.Equal(275, row["hugepages_free"]);
        Assert.Equal(73.4, row["available_percent"]);
        Assert.Equal(12.0, row["pgpgin_per_sec"]);
        Assert.Equal(8.0, row["pgpgout_per_sec"]);
        Assert.Equal(0.0, row["swapin_per_sec"]);
        Assert.Equal(0.0, row["swapout_per_sec"]);
    }

    [Fact]
    public void Mem_without_tail_on_first_sample_has_null_rates()
    {
        var row = Single("MEM t 8381067264 f 2.9 b 9.9 c 66.3 s 0.0 a 3.6 sh 0.0 sw 0.0 4294959104 h 16215 275 A 73.4", "ptops_mem");
        Assert.Equal(73.4, row["available_percent"]);
        Assert.True(double.IsNaN(row["pgpgin_per_sec"]));
        Assert.True(double.IsNaN(row["pgpgout_per_sec"]));
        Assert.True(double.IsNaN(row["swapin_per_sec"]));
        Assert.True(double.IsNaN(row["swapout_per_sec"]));
    }

    [Fact]
    public void Disk_with_double_space()
    {
        var row = Single("DISK 24  sda rkxt 1.0 4.124 4.000 110.0 wkxt 261.9 21958.763 83.858 480.3 sqb 3.9 184.5 100.0", "ptops_disk");
        Assert.Equal("sda", row.Label("device"));
        Assert.Equal("24", row.Label("disk_index"));
        Assert.Equal(1.0, row["reads_per_sec"]);
        Assert.Equal(4.124, row["read_kb_per_sec"]);
        Assert.Equal(4.0, row["read_avg_kb"]);
        Assert.Equal(110.0, row["read_avg_ms"]);
        Assert.Equal(261.9, row["writes_per_sec"]);
        Assert.Equal(21958.763, row["write_kb_per_sec"]);
        Assert.Equal(83.858, row["write_avg_kb"]);
        Assert.Equal(480.3, row["write_avg_ms"]);
        Assert.Equal(3.9, row["service_time_ms"]);
        Assert.Equal(184.5, row["avg_queue_len"]);
        Assert.Equal(100.0, row["busy_percent"]);
    }

    [Theory]
    [InlineData("NET eth0 rk 3.0 0.2 tk 0.0 0.0 rd 0.0 td 0.0")]
    [InlineData("NETeth0 rk 3.0 0.2 tk 0.0 0.0 rd 0.0 td 0.0")]
    public void Net_rate_spaced_or_glued(string line)
    {
        var row = Single(line, "ptops_net");
        Assert.Equal("eth0", row.Label("interface"));
        Assert.Equal(3.0, row["rx_packets_per_sec"]);
        Assert.Equal(0.2, row["rx_kb_per_sec"]);
        Assert.Equal(0.0, row["tx_packets_per_sec"]);
        Assert.Equal(0.0, row["tx_kb_per_sec"]);
        Assert.Equal(0.0, row["rx_drops_per_sec"]);
        Assert.Equal(0.0, row["tx_drops_per_sec"]);
    }

    [Fact]
    public void Net_ifstat_interface_glued_to_ifstat()
    {
        var (stats, sink) = Parse(Time + "NET ifstateth0 120394 9832456 34011 5643321 0 0\n");
        var row = Assert.Single(sink.Rows);
        Assert.Equal("ptops_net_ifstat", row.Table);
        Assert.Equal("eth0", row.Label("interface"));
        Assert.Equal(120394, row["rx_packets_total"]);
        Assert.Equal(9832456, row["rx_bytes_total"]);
        Assert.Equal(34011, row["tx_packets_total"]);
        Assert.Equal(5643321, row["tx_bytes_total"]);
        Assert.Equal(0, row["rx_dropped_packets_total"]);
        Assert.Equal(0, row["tx_dropped_packets_total"]);
        Assert.Equal(1, stats.Prefixes["NET ifstat"].DataLines);
        Assert.False(stats.Prefixes.ContainsKey("NET"));
    }

    [Fact]
    public void Node()
    {
        var row = Single("NODE 0 t 25768611840 f 0.5 u 99.5", "ptops_node");
        Assert.Equal("0", row.Label("node"));
        Assert.Equal(25768611840, row["total_bytes"]);
        Assert.Equal(0.5, row["free_percent"]);
        Assert.Equal(99.5, row["used_percent"]);
    }

    [Fact]
    public void Buddy_eleven_orders()
    {
        var row = Single("BUDDY 0/DMA t 16175104 a 1010944 b 3 3 1 2 1 0 1 0 1 1 3", "ptops_buddy");
        Assert.Equal("0", row.Label("node"));
        Assert.Equal("DMA", row.Label("zone"));
        Assert.Equal(16175104, row["total_free_bytes"]);
        Assert.Equal(1010944, row["avg_block_bytes"]);
        double[] expected = [3, 3, 1, 2, 1, 0, 1, 0, 1, 1, 3];
        for (var o = 0; o < expected.Length; o++) Assert.Equal(expected[o], row[$"free_blocks_order_{o}"]);
    }

    [Fact]
    public void Buddy_extra_orders_become_discovered_columns()
    {
        var (stats, sink) = Parse(Time + "BUDDY 1/Normal t 100 a 10 b 1 2 3 4 5 6 7 8 9 10 11 12 13\n");
        var row = Assert.Single(sink.Rows);
        Assert.Equal(12, row["free_blocks_order_11"]);
        Assert.Equal(13, row["free_blocks_order_12"]);
        Assert.Equal(["free_blocks_order_11", "free_blocks_order_12"], sink.Changes.Select(c => c.Column!.Column));
        Assert.Empty(stats.Warnings);
    }

    [Fact]
    public void Buddy_extra_orders_without_auto_update_are_counted()
    {
        var (stats, sink) = Parse(Time + "BUDDY 1/Normal t 100 a 10 b 1 2 3 4 5 6 7 8 9 10 11 12\n", autoUpdate: false);
        var row = Assert.Single(sink.Rows);
        Assert.False(row.Values.ContainsKey("free_blocks_order_11"));
        Assert.Equal(1, stats.Warnings["unknown_key:BUDDY:free_blocks_order_11"]);
        Assert.Empty(sink.Changes);
    }

    [Fact]
    public void Slab()
    {
        var row = Single("SLAB radix_tree_node 721132 724449 mb 390.328 w 1.3", "ptops_slab");
        Assert.Equal("radix_tree_node", row.Label("cache"));
        Assert.Equal(721132, row["active_objects"]);
        Assert.Equal(724449, row["total_objects"]);
        Assert.Equal(390.328, row["memory_mib"]);
        Assert.Equal(1.3, row["waste_percent"]);
    }

    [Fact]
    public void Balloon()
    {
        var row = Single("BALLOON  196", "ptops_balloon");
        Assert.Equal(196, row["memory_mb"]);
    }

    [Fact]
    public void Udp_splits_address_and_port_on_the_last_colon()
    {
        var row = Single("UDP 10.34.119.2:1194 0.0.0.0:0 rq/tq 0 2784 d 0 i 86611", "ptops_udp");
        Assert.Equal("10.34.119.2", row.Label("local_address"));
        Assert.Equal("1194", row.Label("local_port"));
        Assert.Equal("0.0.0.0", row.Label("remote_address"));
        Assert.Equal("0", row.Label("remote_port"));
        Assert.Equal("86611", row.Label("inode"));
        Assert.Equal(0, row["rx_queue_bytes"]);
        Assert.Equal(2784, row["tx_queue_bytes"]);
        Assert.Equal(0, row["drops"]);

        var v6 = Single("UDP fe80::1:53 :::0 rq/tq 5 0 d 2 i 1", "ptops_udp");
        Assert.Equal("fe80::1", v6.Label("local_address"));
        Assert.Equal("53", v6.Label("local_port"));
        Assert.Equal("::", v6.Label("remote_address"));
        Assert.Equal(2, v6["drops"]);
    }

    [Fact]
    public void Snmp_ip()
    {
        var row = Single("SNMP.Ip rx/del/dis 120.5 118.0 0.5 tx/dis 95.2 0.1 rh/ra/rp 7 3 1", "ptops_snmp_ip");
        Assert.Equal(120.5, row["in_receives_per_sec"]);
        Assert.Equal(118.0, row["delivered_per_sec"]);
        Assert.Equal(0.5, row["in_discards_per_sec"]);
        Assert.Equal(95.2, row["out_requests_per_sec"]);
        Assert.Equal(0.1, row["out_discards_per_sec"]);
        Assert.Equal(7, row["header_errors"]);
        Assert.Equal(3, row["address_errors"]);
        Assert.Equal(1, row["unknown_protocol"]);
    }

    [Fact]
    public void Snmp_udp()
    {
        var row = Single("SNMP.Udp rx/re 310.0 4 tx/te 298.5 1 np 12 ie 5", "ptops_snmp_udp");
        Assert.Equal(310.0, row["in_datagrams_per_sec"]);
        Assert.Equal(4, row["receive_buffer_errors"]);
        Assert.Equal(298.5, row["out_datagrams_per_sec"]);
        Assert.Equal(1, row["send_buffer_errors"]);
        Assert.Equal(12, row["no_ports"]);
        Assert.Equal(5, row["in_errors"]);
    }
}
