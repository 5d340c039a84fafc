namespace PerfAspire.Mcp.Analysis;

/// <summary>One log2 latency bucket of a DBWR/DBWA/DBRD histogram: operation count and their mean latency (s).</summary>
public readonly record struct HistogramBucket(int Index, double Count, double AvgSeconds);
