namespace PerfAspire.Docs.Search;

/// <summary>
/// The auto / ambiguous / no_match decision of metric search. Rules, first match wins:
/// <list type="number">
/// <item><c>exact</c>: the query names exactly one metric by its name or a legacy alias → <c>auto</c> for it.
///   Two or more named → <c>ambiguous</c> (the caller asked about several).</item>
/// <item><c>below_floor</c>: no candidate, or the best normalised score &lt; NoMatchBelow → <c>no_match</c>.</item>
/// <item><c>confident</c>: best ≥ AutoMinScore (ABS, 0.90) and best − second ≥ AutoMinGap (GAP, 0.15) → <c>auto</c>.</item>
/// <item>otherwise <c>ambiguous</c>: <c>low_score</c> when best &lt; ABS, <c>close_runner_up</c> when the gap is too small.</item>
/// </list>
/// Exact names win over scores because a name the catalog knows is not a guess; the floor comes before the
/// ABS/GAP test so a lone weak candidate is never <c>auto</c>.
/// </summary>
public static class MetricDecision
{
    public const string Auto = "auto";
    public const string Ambiguous = "ambiguous";
    public const string NoMatch = "no_match";

    public readonly record struct Outcome(string Decision, string Reason, int? ChosenIndex);

    /// <param name="scores">Candidate scores, best first.</param>
    /// <param name="exactMatches">Indexes (into <paramref name="scores"/>) of candidates named exactly by the query.</param>
    public static Outcome Decide(IReadOnlyList<double> scores, IReadOnlyList<int> exactMatches, SearchSettings settings)
    {
        if (exactMatches.Count == 1) return new(Auto, "exact", exactMatches[0]);
        if (exactMatches.Count > 1) return new(Ambiguous, "several_exact", null);
        if (scores.Count == 0 || scores[0] < settings.NoMatchBelow) return new(NoMatch, "below_floor", null);
        var gap = scores[0] - (scores.Count > 1 ? scores[1] : 0);
        if (scores[0] >= settings.AutoMinScore && gap >= settings.AutoMinGap) return new(Auto, "confident", 0);
        return new(Ambiguous, scores[0] < settings.AutoMinScore ? "low_score" : "close_runner_up", null);
    }
}
