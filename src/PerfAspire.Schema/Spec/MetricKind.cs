namespace PerfAspire.Schema.Spec;

/// <summary>How a metric's values combine over time (docs/ptop-format.md §3).</summary>
public enum MetricKind
{
    /// <summary>A point value: average or max it.</summary>
    Gauge,
    /// <summary>Already a per-second (or percent-of-interval) value computed by ptop: average it, never difference it.</summary>
    Rate,
    /// <summary>Monotonic since process/boot start: use the counter_rate pattern.</summary>
    Counter,
    /// <summary>A count for the sampling interval: sum it.</summary>
    Delta,
    /// <summary>Operations that landed in one latency bucket during the interval: sum it.</summary>
    HistogramBucket,
    /// <summary>Mean latency of the operations in one bucket.</summary>
    HistogramAvg,
}

public static class MetricKindNames
{
    /// <summary>The public (catalog) spelling: gauge, rate, counter, delta, histogram_bucket, histogram_avg.</summary>
    public static string ToSql(this MetricKind kind) => kind switch
    {
        MetricKind.Gauge => "gauge",
        MetricKind.Rate => "rate",
        MetricKind.Counter => "counter",
        MetricKind.Delta => "delta",
        MetricKind.HistogramBucket => "histogram_bucket",
        MetricKind.HistogramAvg => "histogram_avg",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out MetricKind kind)
    {
        foreach (var k in Enum.GetValues<MetricKind>())
        {
            if (string.Equals(k.ToSql(), text, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }
}
