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
        var top = 0;
        for (var i = 0; i < panels.Count; i++)
        {
            var (spec, share) = panels[i];
            // The last panel takes the rounding remainder so the panels fill the image exactly.
            var h = i == panels.Count - 1 ? height - top : (int)Math.Round(height * share / total);
            // Each panel is rendered on its own: ScottPlot clears the whole canvas it is given.
            using var plot = TimeSeriesChart.Build(spec);
            // Same margins in every panel so their time axes line up (legends of different widths would shift them).
            plot.Layout.Fixed(new ScottPlot.PixelPadding(75, 260, 50, 44));
            var png = plot.GetImageBytes(width, h, ScottPlot.ImageFormat.Png);
            using var panel = SKBitmap.Decode(png);
            surface.Canvas.DrawBitmap(panel, 0, top);
            top += h;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
