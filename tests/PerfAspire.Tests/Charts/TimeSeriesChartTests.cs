using PerfAspire.Mcp.Charts;
using SkiaSharp;

namespace PerfAspire.Tests.Charts;

public sealed class TimeSeriesChartTests
{
    private const long T0 = 1_751_118_720_000; // 2025-06-28 13:52:00 UTC

    private static ChartLine Wave(string name, double level, double amplitude, int points = 120, long stepMs = 60_000, int phase = 0) =>
        new(name,
            Enumerable.Range(0, points).Select(i => T0 + i * stepMs).ToArray(),
            Enumerable.Range(0, points).Select(i => level + amplitude * Math.Sin((i + phase) / 9.0)).ToArray());

    [Fact]
    public void Renders_a_png_of_the_requested_size()
    {
        var png = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec(
            "cpu_utilization", "percent", [Wave("cpu0", 40, 10), Wave("cpu1", 60, 15, phase: 20)], Width: 800, Height: 450));
        PngImage.Keep(png, "two-lines");

        Assert.Equal((800, 450), PngImage.Dimensions(png));
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(800, bitmap.Width);
    }

    [Fact]
    public void Title_and_axis_labels_are_drawn_with_the_embedded_font()
    {
        var withText = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("A title", "percent", [Wave("cpu0", 40, 10)]));
        var withoutText = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("", "", [Wave("cpu0", 40, 10)]));
        PngImage.Keep(withText, "title");

        using var a = SKBitmap.Decode(withText);
        using var b = SKBitmap.Decode(withoutText);
        // Ink above the data frame (between the legend-free margins) exists only when the title glyphs were rasterised.
        Assert.True(DarkPixels(a, new SKRectI(100, 0, 800, FrameTop(a) - 2)) > 50, "title text was not rendered");
        Assert.Equal(0, DarkPixels(b, new SKRectI(100, 0, 800, FrameTop(b) - 2)));
        // The y-axis label sits in the left margin, left of the tick labels.
        Assert.True(DarkPixels(a, new SKRectI(0, 150, 16, 400)) > 20, "y-axis label was not rendered");
        // ...and pushes the tick labels right by its width; without a font it would measure zero.
        Assert.True(LeftmostInk(b, 150, 400) - LeftmostInk(a, 150, 400) >= 6, $"left ink {LeftmostInk(a, 150, 400)} vs {LeftmostInk(b, 150, 400)}");
    }

    private static int LeftmostInk(SKBitmap bitmap, int top, int bottom)
    {
        for (var x = 0; x < bitmap.Width; x++)
            for (var y = top; y < bottom; y++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 300) return x;
            }
        return bitmap.Width;
    }

    /// <summary>First dark row of the data frame, probed at a column right of any centred title.</summary>
    private static int FrameTop(SKBitmap bitmap)
    {
        for (var y = 0; y < bitmap.Height; y++)
        {
            var c = bitmap.GetPixel(860, y);
            if (c.Red + c.Green + c.Blue < 300) return y;
        }
        return bitmap.Height;
    }

    [Fact]
    public void Embedded_font_resolves_even_when_the_system_has_none()
    {
        var resolver = new EmbeddedFontResolver();
        using var face = resolver.CreateTypeface(ChartFonts.Family, bold: false, italic: false);
        Assert.NotNull(face);
        Assert.True(face!.GlyphCount > 1000);
        Assert.Null(resolver.CreateTypeface("Comic Sans MS", false, false));
    }

    [Fact]
    public void An_empty_chart_still_renders_with_a_no_data_note()
    {
        var png = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("nothing", "percent", [], StartMs: T0, EndMs: T0 + 3_600_000));
        PngImage.Keep(png, "empty");
        Assert.Equal((TimeSeriesChart.DefaultWidth, TimeSeriesChart.DefaultHeight), PngImage.Dimensions(png));
    }

    [Fact]
    public void Many_lines_render_with_a_bounded_legend()
    {
        var lines = Enumerable.Range(0, 40).Select(i => Wave($"thread {i}", i, 1 + i % 3, phase: i)).ToArray();
        var png = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("top threads", "percent", lines));
        PngImage.Keep(png, "many");
        Assert.Equal((TimeSeriesChart.DefaultWidth, TimeSeriesChart.DefaultHeight), PngImage.Dimensions(png));
    }

    [Fact]
    public void Gaps_split_a_line_into_segments()
    {
        var ts = new long[] { T0, T0 + 60_000, T0 + 120_000, T0 + 3_600_000, T0 + 3_660_000 };
        var line = new ChartLine("x", ts, [1, 2, double.NaN, 4, 5]);
        var segments = TimeSeriesChart.Segments(line);
        Assert.Equal(2, segments.Count);
        Assert.Equal([1.0, 2.0], segments[0].Ys);
        Assert.Equal([4.0, 5.0], segments[1].Ys);
    }

    [Fact]
    public void Rejects_absurd_sizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("t", "u", [], Width: 10)));
    }

    internal static int DarkPixels(SKBitmap bitmap, SKRectI area)
    {
        var n = 0;
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 300) n++;
            }
        return n;
    }
}
