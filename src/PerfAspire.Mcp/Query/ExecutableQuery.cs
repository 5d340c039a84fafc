namespace PerfAspire.Mcp.Query;

/// <summary>
/// Hand-written analysis SQL (top_n, compare_windows) with positional placeholders: <c>$1</c> is
/// <c>Parameters[0]</c>. Runs through <see cref="QueryRunner"/> as a positional <see cref="RenderedQuery"/>.
/// </summary>
public sealed record ExecutableQuery(string Sql, IReadOnlyList<PerfAspire.Schema.Query.QueryParameter> Parameters)
{
    public static implicit operator RenderedQuery(ExecutableQuery q) =>
        new(q.Sql, [.. q.Parameters.Select(p => new QueryParameter(p.Name, p.Value))], Positional: true);
}
