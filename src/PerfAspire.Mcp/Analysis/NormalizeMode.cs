namespace PerfAspire.Mcp.Analysis;

/// <summary>Which value of a series is its baseline when graph_compare normalises comparators.</summary>
public enum NormalizeMode
{
    /// <summary>The largest absolute value in the window (the default).</summary>
    Max,
    /// <summary>The first (earliest) finite sample in the window.</summary>
    First,
}
