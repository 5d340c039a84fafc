using System.IO.Compression;
using System.Text;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;
using static PerfAspire.Tests.Parsing.ParserHarness;

namespace PerfAspire.Tests.Parsing;

/// <summary>docs/ptop-format.md §2 and §3.13: headers, timestamps, text records, accounting and hostile input.</summary>
public class StructureTests
{
    const string Cpu = "CPU cpu0 u 14.9 id/io  0.0 85.1 u/s/n  0.0 10.9  4.0 irq h/s  0.0  0.0";

    [Fact]
    public void Time_epoch_integer_decimal_and_date_fallback()
    {
        var (stats, sink) = Parse(
            "TIME 60 1751118720 2025-06-28 13:52:00\n" + Cpu + "\n" +
            "TIME 120 1751118780.250 2025-06-28 13:53:00\n" + Cpu + "\n" +
            "TIME 180 garbage 2025-06-28 13:54:00\n" + Cpu + "\n");
        Assert.Equal([1751118720_000000L, 1751118780_250000L, 1751118840_000000L], sink.Rows.Select(r => r.TsMicros));
        Assert.Equal(3, stats.Epochs);
        Assert.Equal(3, stats.HeaderLines);
        Assert.Equal(1751118720_000000L, stats.FirstTsMicros);
        Assert.Equal(1751118840_000000L, stats.LastTsMicros);
    }

    [Fact]
    public void Unreadable_time_makes_following_lines_orphans_not_guesses()
    {
        var (stats, sink) = Parse(Time + Cpu + "\nTIME 120 x y z\n" + Cpu + "\n");
        Assert.Single(sink.Rows);
        Assert.Equal(1, stats.Prefixes["TIME"].MalformedLines);
        Assert.Equal(1, stats.OrphanLines);
    }

    [Fact]
    public void Ident_args_and_interval_metadata()
    {
        var (stats, sink) = Parse(
            "ARGS /usr/bin/ptop -C -Ms -Nn -T -D -B -d60 -b -W 14 -V -l/var/log\n" +
            "IDENT 9.0.5-52728-5501324ffb0c 564d4e1ab2f0\n\n" + Time + Cpu + "\n");
        Assert.Equal("9.0.5-52728-5501324ffb0c", stats.Metadata.PtopVersion);
        Assert.Equal("564d4e1ab2f0", stats.Metadata.HostId);
        Assert.Equal(60, stats.Metadata.IntervalSeconds);
        Assert.Equal("/usr/bin/ptop -C -Ms -Nn -T -D -B -d60 -b -W 14 -V -l/var/log", stats.Metadata.Args);
        Assert.Equal(stats.Metadata, sink.Metadata[^1]);
        var args = Assert.Single(sink.Texts);
        Assert.Equal("ARGS", args.Prefix);
        Assert.Null(args.TsMicros);
        Assert.Equal(1, args.LineNo);
        Assert.Equal(1, stats.TextLines);
        Assert.Equal(2, stats.HeaderLines);
        Assert.Equal(1, stats.BlankLines);
    }

    [Fact]
    public void Missing_ident_means_unknown()
    {
        var (stats, _) = Parse(Time + Cpu + "\n");
        Assert.Equal("unknown", stats.Metadata.PtopVersion);
        Assert.Equal("unknown", stats.Metadata.HostId);
        Assert.Null(stats.Metadata.IntervalSeconds);
    }

    [Fact]
    public void Data_before_the_first_time_is_orphan()
    {
        var (stats, sink) = Parse(Cpu + "\nMEM t 1 f 2\n" + Time + Cpu + "\n");
        Assert.Single(sink.Rows);
        Assert.Equal(2, stats.OrphanLines);
        Assert.Equal(1, stats.Prefixes["CPU"].OrphanLines);
        Assert.Equal(1, stats.Prefixes["MEM"].OrphanLines);
    }

    [Fact]
    public void Db_block_keeps_unprefixed_continuation_lines_in_one_record()
    {
        var (stats, sink) = Parse(Time +
            "DB db_ph: env /storage/db pages 1024\n" +
            "  region 0: size 1048576 used 52%\n" +
            "  txn active 3 max 100\n" +
            Cpu + "\n" +
            "DB db_ph: second block\n");
        Assert.Equal(2, sink.Texts.Count);
        Assert.Equal("DB", sink.Texts[0].Prefix);
        Assert.Equal(2, sink.Texts[0].LineNo);
        Assert.Equal(EpochMicros, sink.Texts[0].TsMicros);
        Assert.Equal("DB db_ph: env /storage/db pages 1024\n  region 0: size 1048576 used 52%\n  txn active 3 max 100", sink.Texts[0].Body);
        Assert.Equal("DB db_ph: second block", sink.Texts[1].Body);
        Assert.Equal(4, stats.TextLines);
        Assert.Equal(2, stats.TextRecords);
        Assert.Empty(stats.Warnings);
    }

    [Fact]
    public void Snic_and_following_vendor_lines_vadp_and_unknown_prefixes_are_text()
    {
        var (stats, sink) = Parse(Time +
            "SNIC mlx5 fw 16.35.2000\n" +
            "port1 link up speed 25000\n" +
            "port2 link down\n" +
            "\n" +
            "VADP_CPU ready 0.3 costop 0.0\n" +
            "WHATEVER 1 2 3\n");
        Assert.Equal(["SNIC", "VADP_CPU", "WHATEVER"], sink.Texts.Select(t => t.Prefix));
        Assert.Equal("SNIC mlx5 fw 16.35.2000\nport1 link up speed 25000\nport2 link down", sink.Texts[0].Body);
        Assert.Equal(1, stats.Warnings["unknown_prefix:WHATEVER"]);
        Assert.False(stats.Warnings.ContainsKey("unknown_prefix:port1"));
        Assert.Equal(5, stats.TextLines);
    }

    [Fact]
    public void Truncated_last_line_is_counted_malformed()
    {
        var (stats, sink) = Parse(Time + Cpu + "\nDISK 24  sda rkxt 1.0 4.124 4.000 110.0 wkxt 261.9 21958.7");
        Assert.Single(sink.Rows);
        Assert.Equal(1, stats.Prefixes["DISK"].MalformedLines);
        Assert.Equal(1, stats.Warnings["truncated_last_line"]);
        Assert.Equal(3, stats.Prefixes["DISK"].MalformedSamples[0].LineNo);
    }

    [Fact]
    public void Ten_megabyte_line_binary_garbage_and_non_utf8_are_malformed_with_bounded_samples()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.ASCII.GetBytes(Time));
        bytes.AddRange(Encoding.ASCII.GetBytes("TOP 1 2 3.0% 1 (1 0) 0 "));
        bytes.AddRange(Enumerable.Repeat((byte)'x', 10 * 1024 * 1024));
        bytes.Add((byte)'\n');
        bytes.AddRange([0x00, 0xFF, 0x13, 0x88, (byte)'\n']);
        bytes.AddRange(Encoding.ASCII.GetBytes("TOP 1 2 3.0% 1 (1 0) 0 caf"));
        bytes.AddRange([0xC3, 0x28, (byte)'\n']); // invalid UTF-8 sequence in the exec name
        bytes.AddRange(Encoding.ASCII.GetBytes(Cpu + "\n"));

        var sink = new RecordingSink();
        var stats = new PtopParser(SchemaRegistry.CreateDefault()).Parse(new MemoryStream([.. bytes]), "x.log", sink);
        Assert.True(stats.InvariantHolds);
        Assert.Equal(5, stats.LinesRead);
        Assert.Equal(3, stats.MalformedLines);
        Assert.Single(sink.Rows);
        Assert.Equal(1, stats.Warnings["line_too_long"]);
        var top = stats.Prefixes["TOP"];
        Assert.Equal(2, top.MalformedLines);
        Assert.All(top.MalformedSamples, s => Assert.True(s.Text.Length <= MalformedSample.MaxTextChars));
        Assert.Equal(1, stats.Prefixes[ParseStats.InvalidPrefix].MalformedLines);
    }

    [Fact]
    public void Samples_are_capped_at_five_per_prefix()
    {
        var text = Time + string.Concat(Enumerable.Range(0, 20).Select(i => $"CPU cpu{i} u bad\n"));
        var (stats, _) = Parse(text);
        Assert.Equal(20, stats.Prefixes["CPU"].MalformedLines);
        Assert.Equal([2L, 3, 4, 5, 6], stats.Prefixes["CPU"].MalformedSamples.Select(s => s.LineNo));
    }

    [Fact]
    public void Gzip_input_and_crlf_line_ends()
    {
        var plain = Encoding.ASCII.GetBytes((Time + Cpu + "\n").Replace("\n", "\r\n"));
        var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(plain);
        packed.Position = 0;
        var sink = new RecordingSink();
        var stats = new PtopParser(SchemaRegistry.CreateDefault()).Parse(packed, "ptop.log.gz", sink);
        Assert.True(stats.Gzip);
        Assert.Equal("cpu0", Assert.Single(sink.Rows).Label("cpu"));
        Assert.Equal(0, stats.MalformedLines);
    }

    [Fact]
    public void Corrupt_gzip_ends_the_file_with_a_stream_error_not_an_exception()
    {
        var plain = Encoding.ASCII.GetBytes(Time + string.Concat(Enumerable.Repeat(Cpu + "\n", 5000)));
        var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(plain);
        var bytes = packed.ToArray();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        var stats = new PtopParser(SchemaRegistry.CreateDefault()).Parse(new MemoryStream(bytes), "bad.gz", new RecordingSink());
        Assert.NotNull(stats.StreamError);
        Assert.True(stats.InvariantHolds);
    }

    [Fact]
    public void Stats_round_trip_through_json_for_load_summaries()
    {
        var (stats, _) = Parse("IDENT v h\n" + Time + Cpu + "\nCPU bad\nZZZ 1\n");
        var json = System.Text.Json.JsonSerializer.Serialize(stats);
        var back = System.Text.Json.JsonSerializer.Deserialize<ParseStats>(json)!;
        Assert.Equal(stats.LinesRead, back.LinesRead);
        Assert.Equal(stats.Metadata, back.Metadata);
        Assert.Equal(1, back.Prefixes["CPU"].MalformedLines);
        Assert.Equal("CPU bad", back.Prefixes["CPU"].MalformedSamples[0].Text);
        Assert.Equal(1, back.Warnings["unknown_prefix:ZZZ"]);
        Assert.True(back.InvariantHolds);
    }

    [Fact]
    public void Accounting_invariant_over_a_mixed_log()
    {
        var (stats, _) = Parse("ARGS ptop -d60\nIDENT v h\nCPU orphan\n\n" + Time + Cpu + "\nCPU bad\nDB x\ncont\nZZZ 1\n  \n" + "\u0001\n");
        Assert.Equal(12, stats.LinesRead);
        Assert.Equal(1, stats.DataLines);
        Assert.Equal(4, stats.TextLines);
        Assert.Equal(2, stats.MalformedLines);
        Assert.Equal(1, stats.OrphanLines);
        Assert.Equal(2, stats.BlankLines);
        Assert.Equal(2, stats.HeaderLines);
        Assert.True(stats.InvariantHolds);
        foreach (var (_, p) in stats.Prefixes)
            Assert.Equal(p.Lines, p.DataLines + p.TextLines + p.MalformedLines + p.OrphanLines + p.HeaderLines);
    }
}
