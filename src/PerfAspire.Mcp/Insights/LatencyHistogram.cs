using System.Text.Json;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Insights;

/// <summary>
/// A DB latency histogram (DBWR, DBWA, DBRD; docs/ptop-format.md §3.8) over time, through the shared query layer:
/// operations per bucket per time step (timeseries_sum of the *_bucket_count_total metric, one series per bucket) and
/// the buckets' mean latency (timeseries_avg of *_bucket_avg_latency_seconds). Each time step then holds a histogram
/// of (bucket, operations, mean latency) from which <see cref="HistogramPercentiles"/> estimates p50/p95/p99.
/// When a step spans several samples the bucket's mean latency is the plain mean of the per-sample means (the query
/// layer has no count-weighted average); the bucket itself, and so the coarse position of a percentile, is exact.
/// </summary>
public sealed class LatencyHistogram(SeriesQueryService series)
{
    public static readonly IReadOnlyList<string> Histograms = ["dbwr", "dbwa", "dbrd"];
    const int MaxBuckets = 64;

    public sealed record Step(long TsMs, IReadOnlyList<HistogramBucket> Buckets)
    {
        public double Operations => Buckets.Sum(b => b.Count);
    }

    public sealed record Result(
        string Histogram, SeriesResult Ops, SeriesResult Latency, int StepSeconds, IReadOnlyList<Step> Steps,
        IReadOnlyList<(int Bucket, IReadOnlyList<Sample> OpsPerSec)> BucketSeries);

    public static string Normalize(string? histogram)
    {
        var h = (histogram ?? "").Trim().ToLowerInvariant();
        if (h.EndsWith("_bucket_count_total", StringComparison.Ordinal)) h = h[..^"_bucket_count_total".Length];
        if (Histograms.Contains(h)) return h;
        throw new ToolError("invalid_argument", $"histogram must be one of dbwr (DB write transactions), dbwa (write waits), dbrd (reads), not '{Text.Clip(histogram ?? "")}'.",
            Catalog.ClosestNames.Find(h, Histograms, 3), "Use dbwr, dbwa or dbrd.");
    }

    public async Task<Result> LoadAsync(string histogram, string? bundleId, JsonElement? start, JsonElement? end, double? stepSeconds, CancellationToken ct)
    {
        var h = Normalize(histogram);
        var baseArgs = new QueryArguments { BundleId = bundleId, Start = start, End = end, StepSeconds = stepSeconds };
        var ops = await series.RunAsync(baseArgs with
        {
            Metric = h + "_bucket_count_total",
            Pattern = QueryPatterns.TimeseriesSum,
        }, MaxBuckets, ct);
        var latency = await series.RunAsync(baseArgs with
        {
            Metric = h + "_bucket_avg_latency_seconds",
            Pattern = QueryPatterns.TimeseriesAvg,
            // Same step as the ops query even if it was chosen automatically.
            StepSeconds = ops.StepSeconds,
        }, MaxBuckets, ct);

        var avgByKey = new Dictionary<(int, long), double>();
        foreach (var s in latency.Series)
        {
            if (!TryBucket(s, out var b)) continue;
            foreach (var p in s.Points)
            {
                if (p.Value is { } v && double.IsFinite(v)) avgByKey[(b, p.Ts.ToUnixTimeMilliseconds())] = v;
            }
        }
        var perStep = new SortedDictionary<long, List<HistogramBucket>>();
        var bucketSeries = new List<(int, IReadOnlyList<Sample>)>();
        foreach (var s in ops.Series)
        {
            if (!TryBucket(s, out var b)) continue;
            var counts = LegacyShapes.ToSamples(s);
            bucketSeries.Add((b, counts.Select(c => c with { Value = c.Value / ops.StepSeconds }).ToList()));
            foreach (var p in counts)
            {
                if (p.Value <= 0) continue;
                // A bucket with operations but no latency row (should not happen) sits at its geometric middle.
                var avg = avgByKey.TryGetValue((b, p.TsMs), out var a) ? a
                    : Math.Sqrt(HistogramPercentiles.LowerBoundSeconds(b) * HistogramPercentiles.UpperBoundSeconds(b));
                if (!perStep.TryGetValue(p.TsMs, out var list)) perStep[p.TsMs] = list = [];
                list.Add(new HistogramBucket(b, p.Value, avg));
            }
        }
        bucketSeries.Sort((x, y) => x.Item1.CompareTo(y.Item1));
        var steps = perStep.Select(kv => new Step(kv.Key, kv.Value)).ToList();
        return new Result(h, ops, latency, ops.StepSeconds, steps, bucketSeries);
    }

    /// <summary>Merges consecutive steps into coarser ones (counted from the query's origin, like time_bucket) so a
    /// response fits its budget.</summary>
    public static IReadOnlyList<Step> Coarsen(IReadOnlyList<Step> steps, long stepMs, long originMs)
    {
        return steps
            .GroupBy(s => BucketOrigin.BucketStartMs(s.TsMs, stepMs, originMs))
            .OrderBy(g => g.Key)
            .Select(g => new Step(g.Key, HistogramPercentiles.Merge(g.SelectMany(s => s.Buckets))))
            .ToList();
    }

    static bool TryBucket(Series s, out int bucket)
    {
        bucket = 0;
        return s.Labels.TryGetValue("bucket", out var text) && int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out bucket);
    }
}
