namespace PerfAspire.Mcp.Query;

/// <summary>A bind parameter of a built query (<c>@name</c> in the SQL). Values never appear in SQL text.</summary>
public sealed record QueryParameter(string Name, object Value);

/// <summary>SQL text with <c>@name</c> placeholders and the parameters to bind.</summary>
public sealed record RenderedQuery(string Sql, IReadOnlyList<QueryParameter> Parameters);
