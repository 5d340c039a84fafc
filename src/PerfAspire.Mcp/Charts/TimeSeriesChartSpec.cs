namespace PerfAspire.Mcp.Charts;

/// <summary>
/// What a time-series chart shows. Start/End (UTC epoch ms) fix the x range, e.g. to the requested window.
/// <see cref="Markers"/> are point sets drawn on top (e.g. detected spikes), each with its own legend entry at the end.
/// </summary>
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
    int PinnedLines = 0,
    IReadOnlyList<ChartLine>? Markers = null);
