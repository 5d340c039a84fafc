namespace PerfAspire.Mcp.Charts;

/// <summary>One line of a time-series chart: a name for the legend and its points (UTC epoch ms, value).</summary>
public sealed record ChartLine(string Name, IReadOnlyList<long> TimestampsMs, IReadOnlyList<double> Values)
{
    public int Count => Math.Min(TimestampsMs.Count, Values.Count);
}
