using SkiaSharp;

namespace PerfAspire.Mcp.Charts;

/// <summary>Several time-series panels stacked vertically in one PNG (e.g. ops/s per bucket above latency percentiles).</summary>
public static class StackedChart
{
    /// <param name="panels">Panels top to bottom with their share of the height (shares are normalised).</param>
    public static byte[] RenderPng(IReadOnlyList<(TimeSeriesChartSpec Spec, double Share)> panels, int width = TimeSeriesChart.DefaultWidth, int height = 760)
    {
        if (panels.Count == 0) throw new ArgumentException("at least one panel is needed", nameof(panels));
        TimeSeriesChart.ValidateSize(width, height);
        var total = panels.Sum(p => p.Share);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("SkiaSharp could not create a drawing surface");
        surface.Canvas.Clear(SKColors.White);
        double top = 0;
        foreach (var (spec, share) in panels)
        {
            var h = height * share / total;
            using var plot = TimeSeriesChart.Build(spec);
            plot.Render(surface.Canvas, new ScottPlot.PixelRect(0, width, (float)(top + h), (float)top));
            top += h;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
