namespace PerfAspire.Mcp.Responses;

/// <summary>Small text helpers for arguments and messages: echoed user input kept short, blank arguments read as absent.</summary>
public static class Text
{
    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Clip(string s, int max = 80) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
