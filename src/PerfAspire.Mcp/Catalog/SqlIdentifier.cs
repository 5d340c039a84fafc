namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// How MCP code writes identifiers into hand-written SQL. Names come from the catalog; validity is the schema's
/// rule (<see cref="PerfAspire.Schema.Sql.SqlIdentifier.IsValid"/>) and every name is double-quoted on top, so even
/// a poisoned catalog row could not inject anything.
/// </summary>
public static class SqlIdentifier
{
    public static bool IsSafe(string? name) => PerfAspire.Schema.Sql.SqlIdentifier.IsValid(name);

    public static bool IsValid(string? name) => IsSafe(name);

    public static string Quote(string name) =>
        IsSafe(name) ? "\"" + name + "\"" : throw new ArgumentException($"Refusing unsafe SQL identifier '{name}'.", nameof(name));

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);
}
