namespace PerfAspire.Docs.Search;

/// <summary>
/// Scoring and decision settings, bound from configuration section <c>Docs:Search</c> (environment:
/// <c>Docs__Search__AutoMinScore</c> ...). Scores are normalised to [0, 1] (see <see cref="DocsIndex"/>).
/// </summary>
public sealed class SearchSettings
{
    public const string Section = "Docs:Search";

    /// <summary>Absolute floor (ABS): the best candidate must score at least this for <c>auto</c>.</summary>
    public double AutoMinScore { get; set; } = 0.90;

    /// <summary>Lead over the runner-up (GAP): ... and lead the runner-up by at least this.</summary>
    public double AutoMinGap { get; set; } = 0.15;

    /// <summary>A best score below this is <c>no_match</c>.</summary>
    public double NoMatchBelow { get; set; } = 0.40;

    /// <summary>Weight of the keyword (BM25) score in the fused score; the semantic score gets the rest.</summary>
    public double LexicalWeight { get; set; } = 0.5;

    /// <summary>Cosine similarity mapped to a semantic score of 0 (unrelated MiniLM pairs sit around 0.1–0.2).</summary>
    public double CosineFloor { get; set; } = 0.15;

    /// <summary>Cosine similarity mapped to a semantic score of 1 (a paraphrase).</summary>
    public double CosineCeiling { get; set; } = 0.75;

    /// <summary>Score given when the query's words are exactly a metric's name words ("disk busy percent").</summary>
    public double NameWordsScore { get; set; } = 0.95;

    /// <summary>Docs scoring below this are not returned by <c>/api/search</c>.</summary>
    public double MinRelevance { get; set; } = 0.15;

    /// <summary>What makes the decision rules meaningless, naming the setting; null when the settings are usable.</summary>
    public string? Problem()
    {
        (string Name, double Value)[] unit =
        [
            (nameof(AutoMinScore), AutoMinScore), (nameof(AutoMinGap), AutoMinGap), (nameof(NoMatchBelow), NoMatchBelow),
            (nameof(LexicalWeight), LexicalWeight), (nameof(CosineFloor), CosineFloor), (nameof(CosineCeiling), CosineCeiling),
            (nameof(NameWordsScore), NameWordsScore), (nameof(MinRelevance), MinRelevance),
        ];
        foreach (var (name, v) in unit)
        {
            if (double.IsNaN(v) || v < 0 || v > 1) return $"{Section}:{name} must be between 0 and 1.";
        }
        if (CosineCeiling <= CosineFloor) return $"{Section}:CosineCeiling must be above CosineFloor.";
        if (NoMatchBelow > AutoMinScore) return $"{Section}:NoMatchBelow must not exceed AutoMinScore.";
        return null;
    }

    /// <summary>Throws a clear error for settings that would make the decision rules meaningless.</summary>
    public void Validate()
    {
        if (Problem() is { } problem) throw new ArgumentOutOfRangeException(null, problem);
    }
}
