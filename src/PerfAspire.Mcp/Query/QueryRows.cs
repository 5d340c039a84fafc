namespace PerfAspire.Mcp.Query;

/// <summary>
/// Rows of one query: column names and values (timestamps as UTC <see cref="DateTimeOffset"/>, numbers as
/// <see cref="double"/> or <see cref="long"/>, labels as strings). <see cref="Truncated"/> = there were more.
/// </summary>
public sealed record QueryRows(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, TimeSpan Elapsed);
