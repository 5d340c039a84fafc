namespace PerfAspire.Mcp.Analysis;

/// <summary>One point of a time series: UTC epoch milliseconds and a value (NaN = missing).</summary>
public readonly record struct Sample(long TsMs, double Value);
