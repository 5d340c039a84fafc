namespace PerfAspire.Mcp.Responses;

/// <summary>Keeps echoed user input short in messages.</summary>
public static class Text
{
    public static string Clip(string s, int max = 80) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
