namespace PerfAspire.Docs.Search;

/// <summary>Why a doc scored what it did; the public spelling is in <see cref="MatchKinds.Name"/>.</summary>
public enum MatchKind
{
    /// <summary>Fused keyword + semantic score.</summary>
    Text,
    /// <summary>The query's words are exactly the metric's name words.</summary>
    NameWords,
    /// <summary>The query names a record group or table exactly (boosts its L2 doc).</summary>
    Group,
    /// <summary>The query contains a legacy alias of the metric.</summary>
    Alias,
    /// <summary>The query contains the metric's exact name.</summary>
    ExactName,
}

public static class MatchKinds
{
    public static string Name(this MatchKind kind) => kind switch
    {
        MatchKind.Text => "text",
        MatchKind.NameWords => "name_words",
        MatchKind.Group => "group",
        MatchKind.Alias => "alias",
        MatchKind.ExactName => "exact_name",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
