using BenchmarkDotNet.Attributes;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Bench.Parsing;

/// <summary>
/// P1: the parser alone, one thread, over plain ptop logs of the large reference bundle held in memory (so disk and
/// decompression are not measured). One operation = parsing every loaded log once into a sink that only counts.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmark
{
    byte[][] _logs = [];
    PtopParser _parser = null!;

    /// <summary>Total bytes parsed per operation (read by the command to turn time into MB/s).</summary>
    public static long BytesPerOperation { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _logs = LargeLogs.Load();
        BytesPerOperation = _logs.Sum(l => (long)l.Length);
        _parser = new PtopParser(SchemaRegistry.CreateDefault());
        Parse(); // creates the discovered columns once, as a real load's first file would
    }

    [Benchmark]
    public long Parse()
    {
        var sink = new CountingSink();
        foreach (var log in _logs) _parser.Parse(new MemoryStream(log, writable: false), "ptop.log", sink);
        return sink.Rows;
    }

    sealed class CountingSink : IRowSink
    {
        public long Rows;
        public double Checksum;

        public void OnRow(TableLayout layout, long tsMicros, ReadOnlySpan<string?> labels, ReadOnlySpan<double> values)
        {
            Rows++;
            Checksum += values.Length > 0 ? values[0] : 0; // touch the data so nothing is optimised away
        }

        public void OnText(long? tsMicros, string prefix, long lineNo, string text) => Rows++;
    }
}
