namespace PerfAspire.Mcp.Charts;

/// <summary>What a time-series chart shows. Start/End (UTC epoch ms) fix the x range, e.g. to the requested window.</summary>
public sealed record TimeSeriesChartSpec(
    string Title,
    string YAxisLabel,
    IReadOnlyList<ChartLine> Lines,
    LegendRank Rank = LegendRank.Mean,
    long? StartMs = null,
    long? EndMs = null,
    int Width = TimeSeriesChart.DefaultWidth,
    int Height = TimeSeriesChart.DefaultHeight,
    int MaxLegendEntries = LegendSelection.DefaultMaxEntries,
    bool LogScaleY = false,
    int PinnedLines = 0);
