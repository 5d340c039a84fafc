using System.Text;
using PerfAspire.Ingest.Parsing;
using PerfAspire.Schema.Runtime;

namespace PerfAspire.Tests.Parsing;

internal static class ParserHarness
{
    /// <summary>TIME of the examples: 2025-06-28 13:52:00 UTC.</summary>
    public const long Epoch = 1751118720;
    public const long EpochMicros = Epoch * 1_000_000;
    public const string Time = "TIME 60 1751118720 2025-06-28 13:52:00\n";

    public static (ParseStats Stats, RecordingSink Sink) Parse(string text, bool autoUpdate = true, SchemaRegistry? registry = null)
    {
        registry ??= SchemaRegistry.CreateDefault(autoUpdate);
        var sink = new RecordingSink();
        var stats = new PtopParser(registry).Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "ptop-20250628_1352.log", sink);
        Assert.True(stats.InvariantHolds, $"accounting: {stats.AccountedLines} of {stats.LinesRead} lines");
        return (stats, sink);
    }

    /// <summary>Parses one data line after a TIME line and returns its only row (asserting there is exactly one).</summary>
    public static RecordingSink.Row Single(string line, string table)
    {
        var (stats, sink) = Parse(Time + line + "\n");
        Assert.Equal(0, stats.MalformedLines);
        var row = Assert.Single(sink.Rows);
        Assert.Equal(table, row.Table);
        Assert.Equal(EpochMicros, row.TsMicros);
        return row;
    }
}
