using System.Collections.Concurrent;
using ScottPlot;
using SkiaSharp;

namespace PerfAspire.Mcp.Charts;

/// <summary>
/// Resolves <see cref="ChartFonts.Family"/> to the DejaVu Sans faces embedded in this assembly, so chart text
/// renders on a machine without any installed font (SkiaSharp's no-dependency native build only scans the
/// system font directory). Any other family name is left to the next resolver.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    private readonly ConcurrentDictionary<bool, SKTypeface> _faces = new();

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic)
    {
        if (!string.Equals(fontName, ChartFonts.Family, StringComparison.OrdinalIgnoreCase)) return null;
        // Italic is never used by our charts; the upright face is returned for it.
        return _faces.GetOrAdd(bold, static b => Load(b ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf"));
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    private static SKTypeface Load(string file)
    {
        var name = "PerfAspire.Mcp.Charts.Fonts." + file;
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font resource '{name}' is missing from the build");
        // SKTypeface.FromStream keeps a reference to the stream's data; copy it so disposing the resource stream is safe.
        var data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"embedded font resource '{name}' is not a readable font");
    }
}
