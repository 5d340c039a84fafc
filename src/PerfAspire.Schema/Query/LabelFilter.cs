namespace PerfAspire.Schema.Query;

/// <summary>An equality filter on a local label: one value (<c>=</c>) or several (<c>= ANY</c>). Values are always bound.</summary>
public sealed record LabelFilter(string Label, IReadOnlyList<string> Values)
{
    public LabelFilter(string label, string value) : this(label, [value]) { }
}
