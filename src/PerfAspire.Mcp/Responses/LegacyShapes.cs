using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// The legacy matrix shape: a series is <c>{"metric": {"__name__": ..., "bundle_id": ..., "host": ...,
/// "sptid": ..., &lt;labels&gt;}, "samples": [{"ts": &lt;epoch ms&gt;, "value": &lt;float&gt;}]}</c>.
/// NULL values are left out (the old backend had no NULL samples).
/// </summary>
public static class LegacyShapes
{
    public sealed record LegacySample(long Ts, double Value);

    public sealed record LegacySeries(IReadOnlyDictionary<string, string?> Metric, IReadOnlyList<LegacySample> Samples);

    public static IReadOnlyList<Sample> ToSamples(Series series)
    {
        var result = new List<Sample>(series.Points.Count);
        foreach (var p in series.Points)
        {
            if (p.Value is { } v && double.IsFinite(v)) result.Add(new Sample(p.Ts.ToUnixTimeMilliseconds(), v));
        }
        return result;
    }

    public static Dictionary<string, string?> MetricLabels(string metric, BundleContext bundle, IReadOnlyDictionary<string, string?> labels)
    {
        var d = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["__name__"] = metric,
            ["bundle_id"] = bundle.BundleId,
            ["host"] = bundle.Host,
        };
        if (bundle.Sptid is { } sptid) d["sptid"] = sptid;
        foreach (var (k, v) in labels) d[k] = v;
        return d;
    }

    public static LegacySeries Series(string metric, BundleContext bundle, IReadOnlyDictionary<string, string?> labels, IReadOnlyList<Sample> samples) =>
        new(MetricLabels(metric, bundle, labels), samples.Select(s => new LegacySample(s.TsMs, Values.Round(s.Value))).ToArray());

    /// <summary>A short display name for legends: <c>metric{label="v",...}</c> with only the series' own labels.</summary>
    public static string DisplayName(string metric, IReadOnlyDictionary<string, string?> labels) =>
        labels.Count == 0 ? metric : metric + "{" + string.Join(",", labels.Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}";
}
