using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class HistogramPercentilesTests
{
    [Fact]
    public void Bucket_bounds_are_powers_of_two_nanoseconds()
    {
        Assert.Equal(65.536e-6, HistogramPercentiles.LowerBoundSeconds(17), 15);
        Assert.Equal(131.072e-6, HistogramPercentiles.UpperBoundSeconds(17), 15);
        // docs/ptop-format.md §3.8 example: bucket 17 averaging 80.4 µs, bucket 19 averaging 284.6 µs.
        Assert.Equal(17, HistogramPercentiles.BucketOf(0.000080420));
        Assert.Equal(19, HistogramPercentiles.BucketOf(0.000284646));
        Assert.Equal(0, HistogramPercentiles.BucketOf(0));
    }

    [Fact]
    public void Estimates_on_the_format_example_match_hand_computation()
    {
        HistogramBucket[] h = [new(19, 1, 0.000284646), new(17, 3, 0.000080420)];
        // p50: rank 2 of 4 falls in bucket 17 at f = 2/3; w = min(80.420-65.536, 131.072-80.420) = 14.884 µs;
        // estimate = 80.420 - 14.884 + 2*14.884*2/3 = 85.3813333 µs.
        Assert.Equal(85.38133333e-6, HistogramPercentiles.Estimate(h, 0.50)!.Value, 12);
        // p95 and p99: rank 3.8 / 3.96 > 3, the single operation of bucket 19, whose latency is its average.
        Assert.Equal(0.000284646, HistogramPercentiles.Estimate(h, 0.95)!.Value, 15);
        Assert.Equal(0.000284646, HistogramPercentiles.Estimate(h, 0.99)!.Value, 15);
        // p25: rank 1 in bucket 17, f = 1/3.
        Assert.Equal((80.420 - 14.884 + 2 * 14.884 / 3) * 1e-6, HistogramPercentiles.Estimate(h, 0.25)!.Value, 12);
    }

    [Fact]
    public void Uniform_data_inside_a_bucket_is_recovered_to_within_a_nanosecond()
    {
        // 1000 latencies evenly spread over [512, 888) ns inside bucket 10 = [512, 1024) ns: mean 700 ns, so the
        // mean-preserving interval is exactly [512, 888].
        var raw = Enumerable.Range(0, 1000).Select(i => (512 + 376 * (i + 0.5) / 1000) * 1e-9).ToArray();
        var bucket = new HistogramBucket(10, raw.Length, raw.Average());
        foreach (var q in new[] { 0.5, 0.95, 0.99 })
        {
            var exact = NearestRank(raw, q);
            Assert.Equal(exact, HistogramPercentiles.Estimate([bucket], q)!.Value, 9); // 1e-9 s
        }
    }

    [Fact]
    public void Estimates_land_in_the_same_bucket_as_the_exact_percentile_of_raw_latencies()
    {
        var rng = new Random(1234);
        // Log-normal latencies around 200 µs (a realistic DB write profile), bucketed exactly as ptop does.
        var raw = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            return Math.Exp(Math.Log(200e-6) + 0.8 * z);
        }).ToArray();
        var buckets = raw.GroupBy(HistogramPercentiles.BucketOf)
            .Select(g => new HistogramBucket(g.Key, g.Count(), g.Average())).ToArray();

        foreach (var q in new[] { 0.5, 0.95, 0.99 })
        {
            var exact = NearestRank(raw, q);
            var estimate = HistogramPercentiles.Estimate(buckets, q)!.Value;
            Assert.Equal(HistogramPercentiles.BucketOf(exact), HistogramPercentiles.BucketOf(estimate));
            Assert.InRange(estimate / exact, 0.8, 1.25);
        }
    }

    [Fact]
    public void Merge_adds_counts_and_weights_averages()
    {
        var merged = HistogramPercentiles.Merge([new(5, 1, 10), new(3, 2, 1), new(5, 3, 30), new(4, 0, 99)]);
        Assert.Equal([new HistogramBucket(3, 2, 1), new HistogramBucket(5, 4, 25)], merged);
    }

    [Fact]
    public void Empty_histogram_has_no_percentile_and_bad_quantiles_are_rejected()
    {
        Assert.Null(HistogramPercentiles.Estimate([], 0.5));
        Assert.Null(HistogramPercentiles.Estimate([new HistogramBucket(3, 0, 1)], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramPercentiles.Estimate([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistogramPercentiles.Estimate([], 1.5));
    }

    /// <summary>The nearest-rank percentile: the ceil(q·N)-th smallest value.</summary>
    private static double NearestRank(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
    }
}
