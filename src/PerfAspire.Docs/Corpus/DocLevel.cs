namespace PerfAspire.Docs.Corpus;

/// <summary>
/// The three levels of the corpus: L1 one doc per metric, L2 one per record group
/// (ptop "plugin"), L4 hand-written concept docs. L3 was never defined; the gap is kept so the
/// public names match it.
/// </summary>
public enum DocLevel
{
    /// <summary>One doc per metric, id <c>field:&lt;GROUP&gt;:&lt;metric_name&gt;</c>.</summary>
    L1 = 1,
    /// <summary>One doc per record group, id <c>plugin:&lt;GROUP&gt;</c>.</summary>
    L2 = 2,
    /// <summary>Concept docs written as markdown in the repo, id <c>concept:&lt;slug&gt;</c>.</summary>
    L4 = 4,
}

public static class DocLevels
{
    /// <summary>Public spelling in API answers: L1, L2, L4.</summary>
    public static string Name(this DocLevel level) => level switch
    {
        DocLevel.L1 => "L1",
        DocLevel.L2 => "L2",
        DocLevel.L4 => "L4",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Accepts L1/L2/L4 and the id prefixes field/plugin/concept (plus metric/group), any case.</summary>
    public static bool TryParse(string? text, out DocLevel level)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "l1" or "1" or "field" or "metric":
                level = DocLevel.L1; return true;
            case "l2" or "2" or "plugin" or "group":
                level = DocLevel.L2; return true;
            case "l4" or "4" or "concept":
                level = DocLevel.L4; return true;
            default:
                level = default; return false;
        }
    }

    public const string Accepted = "L1 (or field), L2 (or plugin), L4 (or concept)";
}
