using static PerfAspire.Tests.Parsing.ParserHarness;

namespace PerfAspire.Tests.Parsing;

/// <summary>docs/ptop-format.md §3.6–3.9 and §3.11: TOP, SMAPS, DB histograms, DBMPOOL, containers.</summary>
public class ProcessAndDbLineTests
{
    [Fact]
    public void Top_with_glued_percent_and_parentheses()
    {
        var row = Single("TOP 11393 11404 80.3% 4.7 (4.6 0.1) 0 bash", "ptops_top");
        Assert.Equal("11404", row.Label("pid"));
        Assert.Equal("11393", row.Label("ppid"));
        Assert.Equal("bash", row.Label("exec"));
        Assert.Null(row.Label("container_id"));
        Assert.Null(row.Label("container_pid"));
        Assert.Null(row.Label("container_name"));
        Assert.Equal(80.3, row["cpu_percent"]);
        Assert.Equal(4.7, row["total_cpu_seconds"]);
        Assert.Equal(4.6, row["user_cpu_seconds"]);
        Assert.Equal(0.1, row["system_cpu_seconds"]);
        Assert.Equal(0, row["last_cpu"]);
    }

    [Fact]
    public void Top_exec_with_spaces_and_brackets()
    {
        Assert.Equal("[kworker/0:1]", Single("TOP 2 311 0.5% 12.0 (0.0 12.0) 3 [kworker/0:1]", "ptops_top").Label("exec"));
        Assert.Equal("named -u named  -c /etc/named.conf", Single("TOP 1 2088 12.5% 100.2 (80.1 20.1) 7 named -u named  -c /etc/named.conf", "ptops_top").Label("exec"));
    }

    [Fact]
    public void Top_with_container_block()
    {
        var row = Single("TOP 900 913 3.0% 1.5 (1.0 0.5) 2 cntr 4f2a9c 17 dns-cache dnscached --threads 4", "ptops_top");
        Assert.Equal("4f2a9c", row.Label("container_id"));
        Assert.Equal("17", row.Label("container_pid"));
        Assert.Equal("dns-cache", row.Label("container_name"));
        Assert.Equal("dnscached --threads 4", row.Label("exec"));
        Assert.Equal(3.0, row["cpu_percent"]);

        var shortForm = Single("TOP 900 914 1.0% 0.5 (0.3 0.2) 1 cntr 4f2a9c dnscached", "ptops_top");
        Assert.Equal("4f2a9c", shortForm.Label("container_id"));
        Assert.Null(shortForm.Label("container_pid"));
        Assert.Equal("dnscached", shortForm.Label("exec"));
    }

    [Fact]
    public void Smaps_with_command_spaced_command_and_none()
    {
        var row = Single("SMAPS 16170 s/r/r-/sw 145420 3560 1292 8 s 0 0 p 1292 1292 sh 2268 0 c bash", "ptops_smaps");
        Assert.Equal("16170", row.Label("pid"));
        Assert.Equal("bash", row.Label("command"));
        Assert.Equal(145420, row["vm_size_kb"]);
        Assert.Equal(3560, row["rss_kb"]);
        Assert.Equal(1292, row["rss_minus_shmem_kb"]);
        Assert.Equal(8, row["swap_kb"]);
        Assert.Equal(0, row["shared_total_kb"]);
        Assert.Equal(0, row["shared_dirty_kb"]);
        Assert.Equal(1292, row["private_total_kb"]);
        Assert.Equal(1292, row["private_dirty_kb"]);
        Assert.Equal(2268, row["shmem_total_kb"]);
        Assert.Equal(0, row["shmem_dirty_kb"]);

        Assert.Equal("/usr/sbin/named -u named -n 4", Single("SMAPS 2088 s/r/r-/sw 900000 400000 390000 0 s 10 0 p 390000 380000 sh 10000 0 c /usr/sbin/named -u named -n 4", "ptops_smaps").Label("command"));
        var quiet = Single("SMAPS 2088 s/r/r-/sw 900000 400000 390000 0 s 10 0 p 390000 380000 sh 10000 0", "ptops_smaps");
        Assert.Null(quiet.Label("command"));
        Assert.Equal(400000, quiet["rss_kb"]);
    }

    [Fact]
    public void Dbwr_triplets_one_row_per_bucket()
    {
        var (stats, sink) = Parse(Time + "DBWR 17 3 0.000080420 19 1 0.000284646\n");
        Assert.Equal(2, sink.Rows.Count);
        Assert.All(sink.Rows, r => Assert.Equal("ptops_dbwr", r.Table));
        Assert.Equal("17", sink.Rows[0].Label("bucket"));
        Assert.Equal(3, sink.Rows[0]["bucket_count_total"]);
        Assert.Equal(0.000080420, sink.Rows[0]["bucket_avg_latency_seconds"]);
        Assert.Equal("19", sink.Rows[1].Label("bucket"));
        Assert.Equal(1, sink.Rows[1]["bucket_count_total"]);
        Assert.Equal(0.000284646, sink.Rows[1]["bucket_avg_latency_seconds"]);
        Assert.Equal(1, stats.DataLines);
        Assert.Equal(2, stats.Rows);
    }

    [Fact]
    public void Dbwa_and_dbrd_with_zero_or_more_triplets()
    {
        var (stats, sink) = Parse(Time + "DBWA\nDBRD 12 40 0.000012000\nDBWA 20 2 0.001500000 22 1 0.004000000 23 1 0.009000000\n");
        Assert.Equal(3, stats.DataLines);
        Assert.Equal(0, stats.MalformedLines);
        Assert.Equal(["ptops_dbrd", "ptops_dbwa", "ptops_dbwa", "ptops_dbwa"], sink.Rows.Select(r => r.Table));
        Assert.Equal(40, sink.Rows[0]["bucket_count_total"]);
        Assert.Equal(0.009, sink.Rows[3]["bucket_avg_latency_seconds"]);
        Assert.Equal(2, stats.Prefixes["DBWA"].DataLines);
    }

    [Fact]
    public void Db_histogram_with_broken_triplet_emits_nothing()
    {
        var (stats, sink) = Parse(Time + "DBWR 17 3 0.000080420 19 1\n");
        Assert.Empty(sink.Rows);
        Assert.Equal(1, stats.MalformedLines);
    }

    [Theory]
    [InlineData("DBMPOOL sz 512 MiB pg 65536 cl 60000 dr 5536 cr 10 i 20 o 30 a 40 h 9000 m 100 ro 5 rw 6 fr 1 th 2")]
    [InlineData("DBMPOOL sz 512 pg 65536 cl 60000 dr 5536 cr 10 i 20 o 30 a 40 h 9000 m 100 ro 5 rw 6 fr 1 th 2")]
    public void Dbmpool_with_or_without_mib(string line)
    {
        var row = Single(line, "ptops_dbmpool");
        Assert.Equal(512, row["cache_size_mib"]);
        Assert.Equal(65536, row["pages_total"]);
        Assert.Equal(60000, row["pages_clean"]);
        Assert.Equal(5536, row["pages_dirty"]);
        Assert.Equal(10, row["pages_created"]);
        Assert.Equal(20, row["pages_in"]);
        Assert.Equal(30, row["pages_out"]);
        Assert.Equal(40, row["pages_alloc"]);
        Assert.Equal(9000, row["cache_hits"]);
        Assert.Equal(100, row["cache_misses"]);
        Assert.Equal(5, row["ro_evicts"]);
        Assert.Equal(6, row["rw_evicts"]);
        Assert.Equal(1, row["buffers_frozen"]);
        Assert.Equal(2, row["buffers_thawed"]);
    }

    [Fact]
    public void Ccpu_per_cpu_and_total_forms()
    {
        var row = Single("CCPU cpu[0] abc123 u/s 3.1 1.4  my-container", "ptops_ccpu");
        Assert.Equal("abc123", row.Label("container_id"));
        Assert.Equal("my-container", row.Label("container_name"));
        Assert.Equal("0", row.Label("cpu"));
        Assert.Equal(3.1, row["user_percent"]);
        Assert.Equal(1.4, row["system_percent"]);

        var all = Single("CCPU abc123 u/s 6.2 2.8  my container", "ptops_ccpu");
        Assert.Equal("all", all.Label("cpu"));
        Assert.Equal("my container", all.Label("container_name"));
        Assert.Equal(6.2, all["user_percent"]);
    }

    [Fact]
    public void Cmem()
    {
        var row = Single("CMEM abc123 c 1024 fi 2048 r 4096 h 0 sh 64 sw 0 u 8 pio 1.5 0.5 my-container", "ptops_cmem");
        Assert.Equal("abc123", row.Label("container_id"));
        Assert.Equal("my-container", row.Label("container_name"));
        Assert.Equal(1024, row["page_cache_kb"]);
        Assert.Equal(2048, row["file_backed_kb"]);
        Assert.Equal(4096, row["rss_kb"]);
        Assert.Equal(0, row["rss_huge_kb"]);
        Assert.Equal(64, row["shmem_kb"]);
        Assert.Equal(0, row["swap_kb"]);
        Assert.Equal(8, row["unevictable_kb"]);
        Assert.Equal(1.5, row["pgpgin_per_sec"]);
        Assert.Equal(0.5, row["pgpgout_per_sec"]);
    }

    [Fact]
    public void Cdisk_with_trailing_name()
    {
        var row = Single("CDISK abc123 8 sda rkx 2.0 16.0 8.0 wkx 4.5 90.0 20.0  my container", "ptops_cdisk");
        Assert.Equal("abc123", row.Label("container_id"));
        Assert.Equal("my container", row.Label("container_name"));
        Assert.Equal("sda", row.Label("device"));
        Assert.Equal("8", row.Label("device_major"));
        Assert.Equal(2.0, row["reads_per_sec"]);
        Assert.Equal(16.0, row["read_kb_per_sec"]);
        Assert.Equal(8.0, row["read_avg_kb"]);
        Assert.Equal(4.5, row["writes_per_sec"]);
        Assert.Equal(90.0, row["write_kb_per_sec"]);
        Assert.Equal(20.0, row["write_avg_kb"]);
    }
}
