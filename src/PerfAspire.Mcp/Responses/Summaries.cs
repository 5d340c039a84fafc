using System.Globalization;
using PerfAspire.Mcp.Query;

namespace PerfAspire.Mcp.Responses;

/// <summary>One-line texts for hosts that show only text.</summary>
public static class Summaries
{
    public static string Window(QueryWindow w) =>
        $"{w.Start.UtcDateTime:yyyy-MM-dd HH:mm}–{(w.Start.UtcDateTime.Date == w.End.UtcDateTime.Date ? w.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) : w.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC";

    public static string Number(double v) => Responses.Values.Round(v).ToString("G6", CultureInfo.InvariantCulture);

    public static string Step(int seconds) => seconds % 3600 == 0 ? $"{seconds / 3600} h" : seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds} s";
}
