namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// The only way an identifier reaches SQL text. Names come from the catalog; this is the second fence:
/// lowercase ASCII identifiers only, and quoted even then, so a poisoned catalog row cannot inject either.
/// </summary>
public static class SqlIdentifier
{
    public static bool IsSafe(string? name) =>
        name is { Length: > 0 and <= 63 }
        && (name[0] is (>= 'a' and <= 'z') or '_')
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    public static string Quote(string name) =>
        IsSafe(name) ? "\"" + name + "\"" : throw new ArgumentException($"Refusing unsafe SQL identifier '{name}'.", nameof(name));

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);
}
