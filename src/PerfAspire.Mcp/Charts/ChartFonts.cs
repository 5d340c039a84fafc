using ScottPlot;

namespace PerfAspire.Mcp.Charts;

/// <summary>Registers the embedded chart font with ScottPlot once per process.</summary>
internal static class ChartFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered) return;
            // First in the list: the embedded face wins over whatever the host has (identical rendering everywhere).
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _registered = true;
        }
    }
}
