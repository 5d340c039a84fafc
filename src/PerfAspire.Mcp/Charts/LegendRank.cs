namespace PerfAspire.Mcp.Charts;

/// <summary>How series compete for the limited legend entries of a chart.</summary>
public enum LegendRank
{
    /// <summary>Mean of the finite values.</summary>
    Mean,
    /// <summary>Largest finite value.</summary>
    Max,
}
