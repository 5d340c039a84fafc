using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Query;

/// <summary>SQL with positional placeholders (<c>$1</c> = <c>Parameters[0]</c>) as it will run. Values never appear in the text.</summary>
public sealed record ExecutableQuery(string Sql, IReadOnlyList<QueryParameter> Parameters);
