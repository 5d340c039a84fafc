using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class WindowChangeTests
{
    [Fact]
    public void Stats_are_count_mean_and_sample_deviation()
    {
        var s = WindowStats.Of([1, 2, 3, 4, 5, double.NaN]);
        Assert.Equal(5, s.Count);
        Assert.Equal(3, s.Mean, 12);
        Assert.Equal(Math.Sqrt(2.5), s.StdDev, 12);
        Assert.Equal(0, WindowStats.Of([7]).StdDev);
    }

    [Fact]
    public void Cohens_d_uses_the_pooled_deviation()
    {
        var change = WindowChange.Compare(WindowStats.Of([1, 2, 3, 4, 5]), WindowStats.Of([6, 7, 8, 9, 10]));
        Assert.Equal("changed", change.Status);
        Assert.Equal(5, change.Delta!.Value, 12);
        Assert.Equal(5 / 3.0, change.RelativeChange!.Value, 12);
        Assert.Equal(5 / Math.Sqrt(2.5), change.CohenD!.Value, 12); // 3.16227766
        Assert.Equal(change.CohenD.Value, change.Score, 12);
    }

    [Fact]
    public void Unequal_sizes_pool_by_degrees_of_freedom()
    {
        // A: n=3 mean 2 var 1; B: n=5 mean 5 var 2.5 => pooled var = (2*1 + 4*2.5)/6 = 2.
        var change = WindowChange.Compare(WindowStats.Of([1, 2, 3]), WindowStats.Of([3, 4, 5, 6, 7]));
        Assert.Equal(3 / Math.Sqrt(2), change.CohenD!.Value, 12);
    }

    [Fact]
    public void A_noiseless_step_gets_the_maximum_score()
    {
        var change = WindowChange.Compare(WindowStats.Of([2, 2, 2]), WindowStats.Of([5, 5, 5]));
        Assert.Null(change.CohenD);
        Assert.Equal(WindowChange.MaxScore, change.Score);
        Assert.Equal(1.5, change.RelativeChange);
        Assert.Equal("unchanged", WindowChange.Compare(WindowStats.Of([2, 2]), WindowStats.Of([2, 2, 2])).Status);
    }

    [Fact]
    public void Presence_in_one_window_only_is_a_status_not_a_score()
    {
        var appeared = WindowChange.Compare(WindowStats.Of([]), WindowStats.Of([1, 2]));
        Assert.Equal("only_in_b", appeared.Status);
        Assert.Equal(0, appeared.Score);
        Assert.Equal("only_in_a", WindowChange.Compare(WindowStats.Of([1]), WindowStats.Of([])).Status);
        Assert.Null(WindowChange.Compare(WindowStats.Of([0, 0]), WindowStats.Of([1, 2])).RelativeChange);
    }
}
