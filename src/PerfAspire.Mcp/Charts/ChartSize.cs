using PerfAspire.Mcp.Charts;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Charts;

/// <summary>Chart size arguments of the graph tools, checked with a clear message.</summary>
public static class ChartSize
{
    public const string Help = "Pixels (1000x560).";

    public static (int Width, int Height) Read(int? width, int? height, int defaultHeight = TimeSeriesChart.DefaultHeight)
    {
        var w = width ?? TimeSeriesChart.DefaultWidth;
        var h = height ?? defaultHeight;
        if (w is < 200 or > TimeSeriesChart.MaxWidth || h is < 150 or > TimeSeriesChart.MaxHeight)
        {
            throw new ToolError("invalid_argument", $"width must be 200-{TimeSeriesChart.MaxWidth} and height 150-{TimeSeriesChart.MaxHeight} pixels.", next: "Omit width/height for the default 1000 x 560.");
        }
        return (w, h);
    }

    public static object Describe(int width, int height, int lines, int legendEntries) =>
        new { mime_type = "image/png", width, height, lines, legend_entries = legendEntries };
}
