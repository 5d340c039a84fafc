namespace PerfAspire.Schema.Spec;

/// <summary>
/// One metric column of a record group. The public metric name is <c>&lt;group prefix&gt;_&lt;Column&gt;</c>
/// and is also the name of the metric's SQL view.
/// </summary>
public sealed record MetricSpec(
    string Column,
    MetricKind Kind,
    string Unit,
    string Description,
    string Computation = "",
    IReadOnlyList<string>? Aliases = null,
    string SqlType = "double precision",
    string? SourceKey = null)
{
    public IReadOnlyList<string> AliasList => Aliases ?? [];
}
