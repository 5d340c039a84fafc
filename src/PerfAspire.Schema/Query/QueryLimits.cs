namespace PerfAspire.Schema.Query;

/// <summary>
/// The bounds every query argument is checked against, by the renderer and by the tools that plan queries for a
/// model: one set, so a value the planner lets through is never refused later by the renderer, or the reverse.
/// </summary>
public static class QueryLimits
{
    /// <summary>topk: the most series kept per time bucket or over the window.</summary>
    public const int MaxK = 1000;

    /// <summary>The widest time bucket: a year and a day.</summary>
    public const int MaxStepSeconds = 366 * 86400;
}
