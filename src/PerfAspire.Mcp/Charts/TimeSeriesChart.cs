using ScottPlot;
using SkiaSharp;

namespace PerfAspire.Mcp.Charts;

/// <summary>
/// Renders line charts of time series to PNG in-process (ScottPlot on SkiaSharp, embedded font): a title, the unit
/// on the y axis, UTC time on the x axis, and a bounded legend (<see cref="LegendSelection"/>).
/// </summary>
public static class TimeSeriesChart
{
    public const int DefaultWidth = 1000;
    public const int DefaultHeight = 560;

    /// <summary>Largest chart: 2400 x 1600 px is about 15 MB of bitmap while it renders, enough for any screen.</summary>
    public const int MaxWidth = 2400;
    public const int MaxHeight = 1600;
    private const int MaxLegendNameLength = 40;

    public static byte[] RenderPng(TimeSeriesChartSpec spec)
    {
        ValidateSize(spec.Width, spec.Height);
        using var plot = Build(spec);
        return plot.GetImageBytes(spec.Width, spec.Height, ImageFormat.Png);
    }

    internal static Plot Build(TimeSeriesChartSpec spec)
    {
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        plot.Title(FitTitle(spec.Title, spec.Width), 16);
        plot.YLabel(spec.YAxisLabel, 13);

        var selection = LegendSelection.Choose(spec.Lines, spec.Rank, spec.MaxLegendEntries, spec.PinnedLines);
        var restColor = Colors.Gray.WithAlpha(0.45);
        // The rest first, so the featured lines are drawn on top of them; the legend lists the featured lines first.
        foreach (var index in selection.Rest) AddLine(plot, spec.Lines[index], restColor, 1, spec.LogScaleY);
        var legendItems = new List<LegendItem>();
        for (var k = 0; k < selection.Featured.Count; k++)
        {
            var line = spec.Lines[selection.Featured[k]];
            AddLine(plot, line, LineColor(k), 2, spec.LogScaleY);
            legendItems.Add(LegendEntry(Shorten(line.Name), LineColor(k), 2));
        }
        if (selection.RestLabel is { } restLabel) legendItems.Add(LegendEntry(restLabel, restColor, 1));
        var markerColors = new[] { Colors.Red, Colors.DarkViolet, Colors.DarkOrange };
        for (var m = 0; m < (spec.Markers?.Count ?? 0); m++)
        {
            var set = spec.Markers![m];
            var color = markerColors[m % markerColors.Length];
            AddMarkers(plot, set, color, spec.LogScaleY);
            var item = new LegendItem { LabelText = Shorten(set.Name), MarkerColor = color, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 8, LineWidth = 0 };
            item.LabelStyle.FontName = ChartFonts.Family;
            legendItems.Add(item);
        }

        var hasData = spec.Lines.Concat(spec.Markers ?? []).Any(l => Enumerable.Range(0, l.Count).Any(i => double.IsFinite(l.Values[i])));
        if (legendItems.Count > 0)
        {
            plot.Legend.ManualItems.AddRange(legendItems);
            var legend = plot.ShowLegend(Edge.Right);
            legend.Legend.FontName = ChartFonts.Family;
            legend.Legend.FontSize = 11;
        }
        UseUtcTicks(plot, spec);
        if (spec.LogScaleY) ApplyLogTicks(plot);
        SetLimits(plot, spec, hasData);
        if (!hasData)
        {
            var center = Center(spec);
            var text = plot.Add.Text("no data in this window", center.X, center.Y);
            text.LabelFontName = ChartFonts.Family;
            text.LabelFontSize = 16;
            text.LabelAlignment = Alignment.MiddleCenter;
        }
        return plot;
    }

    internal static void ValidateSize(int width, int height)
    {
        if (width is < 200 or > MaxWidth) throw new ArgumentOutOfRangeException(nameof(width), width, $"chart width must be 200..{MaxWidth} pixels");
        if (height is < 150 or > MaxHeight) throw new ArgumentOutOfRangeException(nameof(height), height, $"chart height must be 150..{MaxHeight} pixels");
    }

    internal static double ToX(long epochMs) => DateTime.UnixEpoch.AddMilliseconds(epochMs).ToOADate();

    private static void AddLine(Plot plot, ChartLine line, Color color, float width, bool log)
    {
        var segments = Segments(line, log);
        // A point that is its own segment would be invisible as a line: a small dot, larger when it is all there is.
        var dot = segments.Sum(s => s.Xs.Length) <= 2 ? 7 : 3;
        foreach (var (xs, ys) in segments)
        {
            var scatter = plot.Add.Scatter(xs, ys, color);
            scatter.LineWidth = width;
            scatter.MarkerSize = xs.Length == 1 ? dot : 0;
        }
    }

    /// <summary>Category10 with its grey swapped for black: grey is reserved for the "+N more" lines.</summary>
    private static Color LineColor(int k)
    {
        var c = Palette.GetColor(k);
        return k % 10 == 7 ? Colors.Black : c;
    }

    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    private static void AddMarkers(Plot plot, ChartLine set, Color color, bool log)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < set.Count; i++)
        {
            var v = set.Values[i];
            if (!double.IsFinite(v) || (log && v <= 0)) continue;
            xs.Add(ToX(set.TimestampsMs[i]));
            ys.Add(log ? Math.Log10(v) : v);
        }
        if (xs.Count == 0) return;
        var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, 8, color);
        markers.MarkerStyle.OutlineColor = Colors.White;
    }

    private static LegendItem LegendEntry(string label, Color color, float width)
    {
        var item = new LegendItem { LabelText = label, LineColor = color, LineWidth = width };
        item.LabelStyle.FontName = ChartFonts.Family;
        return item;
    }

    /// <summary>
    /// ISO-style UTC tick labels. Within one day only the time is printed and the date goes into the axis label;
    /// longer spans print the date on every tick.
    /// </summary>
    private static void UseUtcTicks(Plot plot, TimeSeriesChartSpec spec)
    {
        var times = spec.Lines.SelectMany(l => l.TimestampsMs.Take(l.Count)).ToArray();
        long first = spec.StartMs ?? (times.Length > 0 ? times.Min() : 0);
        long last = spec.EndMs ?? (times.Length > 0 ? times.Max() : 0);
        var firstDay = DateTime.UnixEpoch.AddMilliseconds(first).Date;
        var sameDay = firstDay == DateTime.UnixEpoch.AddMilliseconds(last).Date;
        var withSeconds = last - first <= 10 * 60_000;
        var axis = plot.Axes.DateTimeTicksBottom();
        var ticks = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => sameDay
                ? t.ToString(withSeconds ? "HH:mm:ss" : "HH:mm", System.Globalization.CultureInfo.InvariantCulture)
                : t.ToString("yyyy-MM-dd\nHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
        axis.TickGenerator = ticks;
        plot.XLabel(sameDay ? $"Time (UTC), {firstDay:yyyy-MM-dd}" : "Time (UTC)", 13);
    }

    /// <summary>
    /// Splits a line at gaps (more than 3× its median sample spacing) so missing data shows as a break instead of
    /// a straight bridge; non-finite values (and non-positive ones on a log axis) are dropped.
    /// </summary>
    internal static List<(double[] Xs, double[] Ys)> Segments(ChartLine line, bool log = false)
    {
        var points = new List<(long T, double V)>(line.Count);
        for (var i = 0; i < line.Count; i++)
        {
            var v = line.Values[i];
            if (!double.IsFinite(v) || (log && v <= 0)) continue;
            points.Add((line.TimestampsMs[i], log ? Math.Log10(v) : v));
        }
        points.Sort((a, b) => a.T.CompareTo(b.T));
        var result = new List<(double[], double[])>();
        if (points.Count == 0) return result;

        var spacing = new List<long>(points.Count);
        for (var i = 1; i < points.Count; i++) spacing.Add(points[i].T - points[i - 1].T);
        spacing.Sort();
        var gap = spacing.Count == 0 ? long.MaxValue : Math.Max(1, spacing[spacing.Count / 2]) * 3;

        var start = 0;
        for (var i = 1; i <= points.Count; i++)
        {
            if (i < points.Count && points[i].T - points[i - 1].T <= gap) continue;
            var xs = new double[i - start];
            var ys = new double[i - start];
            for (var j = start; j < i; j++)
            {
                xs[j - start] = ToX(points[j].T);
                ys[j - start] = points[j].V;
            }
            result.Add((xs, ys));
            start = i;
        }
        return result;
    }

    private static void ApplyLogTicks(Plot plot)
    {
        // ScottPlot has no log axis: values are plotted as log10 and the ticks are labelled with the real values.
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => FormatValue(Math.Pow(10, y)),
        };
        plot.Axes.Left.TickGenerator = ticks;
    }

    internal static string FormatValue(double v) => v switch
    {
        0 => "0",
        >= 1e6 or <= -1e6 => v.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture),
        >= 1 or <= -1 => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString("0.####e0", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void SetLimits(Plot plot, TimeSeriesChartSpec spec, bool hasData)
    {
        plot.Axes.AutoScale();
        if (!hasData)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            plot.Axes.SetLimitsX(ToX(spec.StartMs ?? now - 3_600_000), ToX(spec.EndMs ?? now));
            plot.Axes.SetLimitsY(0, 1);
            return;
        }
        if (spec.StartMs is long s && spec.EndMs is long e && e > s) plot.Axes.SetLimitsX(ToX(s), ToX(e));
        if (!spec.LogScaleY)
        {
            // Non-negative data starts at zero: a floating baseline exaggerates small changes.
            var limits = plot.Axes.GetLimits();
            var min = spec.Lines.SelectMany(l => l.Values.Take(l.Count)).Where(double.IsFinite).DefaultIfEmpty(0).Min();
            if (min >= 0)
            {
                var top = limits.Top <= 0 ? 1 : limits.Top;
                plot.Axes.SetLimitsY(0, top);
            }
        }
    }

    private static Coordinates Center(TimeSeriesChartSpec spec)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var s = spec.StartMs ?? now - 3_600_000;
        var e = spec.EndMs ?? now;
        return new Coordinates(ToX(s + (e - s) / 2), 0.5);
    }

    /// <summary>A title that fits the image: DejaVu Sans at 16 px averages under 9.5 px per character.</summary>
    internal static string FitTitle(string title, int width)
    {
        var max = Math.Max(10, (int)((width - 40) / 9.5));
        return title.Length <= max ? title : string.Concat(title.AsSpan(0, max - 1), "…");
    }

    private static string Shorten(string name) =>
        name.Length <= MaxLegendNameLength ? name : string.Concat(name.AsSpan(0, MaxLegendNameLength - 1), "…");
}
