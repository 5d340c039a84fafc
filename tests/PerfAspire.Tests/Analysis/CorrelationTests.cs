using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class CorrelationTests
{
    [Fact]
    public void Pearson_matches_hand_computed_values()
    {
        Assert.Equal(1.0, Correlation.Pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!.Value, 12);
        Assert.Equal(-1.0, Correlation.Pearson([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])!.Value, 12);
        // dx = -2..2, dy = -1,-2,1,0,2: sxy = 8, sxx = 10, syy = 10.
        Assert.Equal(0.8, Correlation.Pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])!.Value, 12);
    }

    [Fact]
    public void Pearson_is_undefined_for_constant_or_short_series()
    {
        Assert.Null(Correlation.Pearson([1, 2, 3, 4, 5], [7, 7, 7, 7, 7]));
        Assert.Null(Correlation.Pearson([1, 2, 3, 4], [1, 2, 3, 4]));
    }

    [Fact]
    public void Lag_search_finds_how_many_steps_b_follows_a()
    {
        const long step = 60_000;
        var rng = new Random(7);
        var values = Enumerable.Range(0, 80).Select(_ => rng.NextDouble() * 100).ToArray();
        var a = values.Select((v, i) => new Sample(i * step, v)).ToArray();
        // b(t) = a(t - 3 steps): b follows a by three steps.
        var b = values.Select((v, i) => new Sample((i + 3) * step, v)).ToArray();

        var result = Correlation.WithLagSearch(a, b, step, maxLagSteps: 5);

        Assert.Equal(3, result.Best.LagSteps);
        Assert.Equal(180_000, result.Best.LagMs);
        Assert.Equal(1.0, result.Best.R!.Value, 12);
        Assert.Equal(80, result.Best.Pairs); // every a(t) meets b(t + 3 steps)
        Assert.Equal(11, result.ByLag.Count);
        Assert.True(Math.Abs(result.AtZero.R!.Value) < 0.5);
        Assert.Equal(77, result.AtZero.Pairs); // a(0..79) meets b(3..82) on 3..79
    }

    [Fact]
    public void Only_equal_timestamps_are_paired()
    {
        Sample[] a = [new(0, 1), new(10, 2), new(20, 3), new(30, 4), new(40, 5), new(50, 6)];
        Sample[] b = [new(0, 2), new(10, 4), new(20, 6), new(31, 100), new(40, 10), new(50, 12)];
        var result = Correlation.WithLagSearch(a, b, 10, 0);
        Assert.Equal(5, result.AtZero.Pairs);
        Assert.Equal(1.0, result.AtZero.R!.Value, 12);
    }
}
