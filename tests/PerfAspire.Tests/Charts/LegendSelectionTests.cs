using PerfAspire.Mcp.Charts;

namespace PerfAspire.Tests.Charts;

public sealed class LegendSelectionTests
{
    private static ChartLine Line(string name, params double[] values) =>
        new(name, Enumerable.Range(0, values.Length).Select(i => (long)i * 1000).ToArray(), values);

    [Fact]
    public void Few_lines_keep_the_callers_order()
    {
        var sel = LegendSelection.Choose([Line("b", 1), Line("a", 9), Line("c", 5)], LegendRank.Mean);
        Assert.Equal([0, 1, 2], sel.Featured);
        Assert.Empty(sel.Rest);
        Assert.Null(sel.RestLabel);
    }

    [Fact]
    public void Many_lines_feature_the_top_by_mean_and_summarise_the_rest()
    {
        // 12 lines with means 0..11; at most 10 entries => top 9 featured + "+3 more".
        var lines = Enumerable.Range(0, 12).Select(i => Line($"s{i}", i, i)).ToArray();
        var sel = LegendSelection.Choose(lines, LegendRank.Mean);
        Assert.Equal([11, 10, 9, 8, 7, 6, 5, 4, 3], sel.Featured);
        Assert.Equal([0, 1, 2], sel.Rest);
        Assert.Equal("+3 more", sel.RestLabel);
    }

    [Fact]
    public void Max_ranking_prefers_a_spiky_line_over_a_steady_one()
    {
        var lines = new List<ChartLine> { Line("spiky", 0, 0, 0, 100), Line("steady", 30, 30, 30, 30) };
        lines.AddRange(Enumerable.Range(0, 3).Select(i => Line($"low{i}", 1)));
        var byMean = LegendSelection.Choose(lines, LegendRank.Mean, maxEntries: 3);
        var byMax = LegendSelection.Choose(lines, LegendRank.Max, maxEntries: 3);
        Assert.Equal([1, 0], byMean.Featured); // means 30 vs 25
        Assert.Equal([0, 1], byMax.Featured);  // maxes 100 vs 30
        Assert.Equal("+3 more", byMax.RestLabel);
    }

    [Fact]
    public void Pinned_lines_are_featured_first_whatever_their_rank()
    {
        // Line 0 (the compare primary) has the lowest mean but stays first; the rest rank by mean.
        var lines = new[] { Line("primary", 0.5) }.Concat(Enumerable.Range(1, 12).Select(i => Line($"s{i}", i))).ToArray();
        var sel = LegendSelection.Choose(lines, LegendRank.Mean, pinned: 1);
        Assert.Equal([0, 12, 11, 10, 9, 8, 7, 6, 5], sel.Featured);
        Assert.Equal("+4 more", sel.RestLabel);
    }

    [Fact]
    public void Long_titles_are_shortened_to_fit_the_width()
    {
        var title = new string('x', 200);
        Assert.Equal(101, TimeSeriesChart.FitTitle(title, 1000).Length);
        Assert.EndsWith("…", TimeSeriesChart.FitTitle(title, 1000));
        Assert.Equal("short", TimeSeriesChart.FitTitle("short", 300));
    }

    [Fact]
    public void Non_finite_values_are_ignored_and_empty_lines_rank_last()
    {
        Assert.Equal(2, LegendSelection.Score(Line("x", 1, double.NaN, 3), LegendRank.Mean));
        Assert.Equal(double.NegativeInfinity, LegendSelection.Score(Line("x", double.NaN), LegendRank.Max));
    }
}
