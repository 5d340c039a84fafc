using System.Text;
using CsCheck;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Tests.Parsing;

/// <summary>
/// R1 (docs/quality-bar.md): over a million mutated and random lines — taken from a generated log with every prefix and
/// then cut, spliced, garbled, padded with binary and non-UTF-8 bytes, or made far too long — no exception escapes the
/// parser and every line is accounted for exactly once.
/// </summary>
public class ParserRobustnessTests
{
    const int LinesPerStream = 10_000;
    const int Streams = 110; // 1.1 million lines

    static readonly byte[][] Corpus = BuildCorpus();

    static byte[][] BuildCorpus()
    {
        var logs = new List<MemoryStream>();
        BundleGenerator.WriteLogs(GeneratorOptions.Small with { Files = 1, EpochsPerFile = 20 }, _ =>
        {
            var m = new MemoryStream();
            logs.Add(m);
            return m;
        });
        var text = Encoding.UTF8.GetString(logs[0].ToArray());
        string[] extra =
        [
            "NET ifstateth0 120394 9832456 34011 5643321 0 0", "NETeth0 rk 3.0 0.2 tk 0.0 0.0 rd 0.0 td 0.0",
            "FPRRSTATS REQ a 1 t99 5 RES a 1", "FPDTOB tq 5 tr-x 7 9z 1", "IMCDR_FRR12_STATS 12 10.0.0.2 1 2 3 4 5",
            "TIME 120 1751118780.250 2025-06-28 13:53:00", "TIME 180 garbage 2025-06-28 13:54:00", "DB x", "  continuation",
            "CCPU abc123 u/s 6.2 2.8  my container", "UDP fe80::1:53 :::0 rq/tq 5 0 d 2 i 1",
        ];
        return [.. text.Split('\n').Concat(extra).Where(l => l.Length > 0).Distinct().Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>One line: a corpus line, mutated, random bytes, or (rarely: they are big) longer than the 64 KiB cap.</summary>
    static readonly Gen<byte[]> Line = Gen.Frequency(
        (3000, Gen.Int[0, Corpus.Length - 1].Select(i => Corpus[i])),
        (5000, Gen.Select(Gen.Int[0, Corpus.Length - 1], Gen.Int[0, 9], Gen.Int[0, 1 << 16], Gen.Byte.Array[1, 6], (i, kind, pos, bytes) => Mutate(Corpus[i], kind, pos, bytes))),
        (1000, Gen.Byte.Array[0, 80]),
        (800, Gen.Char.AlphaNumeric.Array[0, 40].Select(c => Encoding.ASCII.GetBytes(new string(c).Replace('a', ' ')))),
        (2, Gen.Int[60_000, 70_000].Select(n => Enumerable.Repeat((byte)'7', n).ToArray())),
        (100, Gen.Const(Array.Empty<byte>())));

    static byte[] Mutate(byte[] line, int kind, int pos, byte[] bytes)
    {
        if (line.Length == 0) return bytes;
        var at = pos % line.Length;
        return kind switch
        {
            0 => line[..at],                                                 // truncated
            1 => [.. line[..at], .. bytes, .. line[at..]],                   // inserted garbage (binary, UTF-8 fragments, '\n')
            2 => [.. line[..at], .. line[Math.Min(line.Length, at + bytes.Length)..]], // deleted span
            3 => [.. line, .. line],                                         // doubled
            4 => [.. line[at..], .. line[..at]],                             // rotated
            5 => [.. line[..at], (byte)(bytes[0] | 0x80), .. line[at..]],    // stray non-ASCII byte
            6 => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(line).Replace(' ', '\t')),
            7 => [.. line, (byte)' ', .. bytes],                             // extra trailing token
            8 => ReplaceDigits(line, bytes[0]),
            _ => [.. line[..at], (byte)'%', (byte)'(', .. line[at..]],
        };
    }

    static byte[] ReplaceDigits(byte[] line, byte b)
    {
        var copy = (byte[])line.Clone();
        for (var i = 0; i < copy.Length; i++) if (copy[i] is >= (byte)'0' and <= (byte)'9' && (i + b) % 5 == 0) copy[i] = (byte)('a' + b % 26);
        return copy;
    }

    sealed class CountingSink : IRowSink
    {
        public long Rows;
        public long Texts;

        public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
        {
            if (labels.Length != layout.Group.Labels.Count || values.Length > layout.MetricCount) throw new InvalidOperationException($"bad row shape for {layout.Table}");
            Rows++;
        }

        public void OnText(long? tsMicros, string prefix, long lineNo, string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Texts++;
        }
    }

    [Fact]
    public void A_million_mutated_lines_never_throw_and_every_line_is_accounted_for()
    {
        long linesChecked = 0;
        var registries = new[] { SchemaRegistry.CreateDefault(autoUpdate: true), SchemaRegistry.CreateDefault(autoUpdate: false) };

        Gen.Select(Line.Array[LinesPerStream], Gen.Bool, Gen.Bool).Sample((lines, autoUpdate, endWithNewline) =>
        {
            var stream = new MemoryStream();
            for (var i = 0; i < lines.Length; i++)
            {
                stream.Write(lines[i]);
                if (i < lines.Length - 1 || endWithNewline) stream.WriteByte((byte)'\n');
            }
            var bytes = stream.ToArray();
            long expectedLines = bytes.AsSpan().Count((byte)'\n') + (bytes.Length > 0 && bytes[^1] != (byte)'\n' ? 1 : 0);

            var sink = new CountingSink();
            var parser = new PtopParser(registries[autoUpdate ? 0 : 1]);
            var stats = parser.Parse(new MemoryStream(bytes), "fuzz.log", sink);

            Assert.Null(stats.StreamError);
            Assert.Equal(expectedLines, stats.LinesRead);
            Assert.True(stats.InvariantHolds, $"accounted {stats.AccountedLines} of {stats.LinesRead}");
            Assert.Equal(stats.Rows, sink.Rows);
            Assert.Equal(stats.TextRecords, sink.Texts);
            foreach (var (prefix, p) in stats.Prefixes)
            {
                Assert.True(p.Lines == p.DataLines + p.TextLines + p.MalformedLines + p.OrphanLines + p.HeaderLines, prefix);
                Assert.True(p.MalformedSamples.Count <= PrefixStats.MaxSamples);
                Assert.All(p.MalformedSamples, s => Assert.True(s.Text.Length <= MalformedSample.MaxTextChars));
            }
            Assert.True(stats.Prefixes.Count <= ParseStats.MaxTrackedKeys + 1);
            Assert.True(stats.Warnings.Count <= ParseStats.MaxTrackedKeys + 8);
            Interlocked.Add(ref linesChecked, expectedLines);
        }, iter: Streams, threads: 2, print: t => $"{t.Item1.Length} lines, autoUpdate={t.Item2}, endWithNewline={t.Item3}");

        Assert.True(linesChecked >= 1_000_000, $"only {linesChecked} lines checked");
        // The caps hold even though random keys and prefixes keep arriving.
        foreach (var layout in registries[0].Layouts)
            Assert.True(layout.MetricCount - layout.Group.Metrics.Count <= registries[0].MaxDiscoveredColumnsPerTable);
        Assert.True(registries[0].Layouts.Count <= SchemaRegistry.CreateDefault().Layouts.Count + registries[0].MaxDiscoveredTables);
    }
}
