namespace PerfAspire.Mcp.Query;

/// <summary>A bind parameter: its name (bundle_id, start_time, label_0, ...) and value. Values never appear in SQL text.</summary>
public sealed record QueryParameter(string Name, object Value);

/// <summary>
/// SQL ready to run with its bind parameters. Pattern SQL (from the schema's renderer) is
/// <paramref name="Positional"/>: <c>$1</c> is <c>Parameters[0]</c>; hand-written analysis SQL uses <c>@name</c>
/// placeholders bound by name.
/// </summary>
public sealed record RenderedQuery(string Sql, IReadOnlyList<QueryParameter> Parameters, bool Positional = false);
