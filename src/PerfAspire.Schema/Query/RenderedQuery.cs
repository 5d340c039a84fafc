namespace PerfAspire.Schema.Query;

/// <summary>
/// SQL ready for Npgsql with positional parameters: <c>$1</c> is <c>Parameters[0]</c>, and so on. Add each value
/// as an unnamed <c>NpgsqlParameter</c> in order. Values are string, DateTime (UTC), double, int or string[].
/// </summary>
public sealed record RenderedQuery(string Pattern, string MetricName, string Sql, IReadOnlyList<QueryParameter> Parameters);

/// <summary>A bind parameter: its template name (bundle_id, start_time, label_0, ...) and value.</summary>
public sealed record QueryParameter(string Name, object Value);
