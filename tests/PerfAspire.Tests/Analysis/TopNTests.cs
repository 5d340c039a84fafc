using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class TopNTests
{
    private static Dictionary<string, string?> L(string name, string value) => new() { [name] = value };

    [Fact]
    public void Ranks_by_avg_with_ties_broken_by_max_then_labels()
    {
        RankedSeries[] series =
        [
            new(L("pid", "a"), 5, 9, 10),
            new(L("pid", "b"), 7, 8, 10),
            new(L("pid", "c"), 7, 10, 10),
            new(L("pid", "d"), 1, 1, 10),
            new(L("pid", "e"), 7, 10, 10),
            new(L("pid", "none"), double.NaN, double.NaN, 0),
        ];
        Assert.Equal(["c", "e", "b"], TopN.Rank(series, TopBy.Avg, 3).Select(s => s.Labels["pid"]));
        Assert.Equal(["c", "e", "a", "b", "d"], TopN.Rank(series, TopBy.Max, 10).Select(s => s.Labels["pid"]));
    }

    [Fact]
    public void Group_sum_adds_threads_of_one_exec_per_timestamp()
    {
        (IReadOnlyDictionary<string, string?>, IReadOnlyList<Sample>)[] threads =
        [
            (new Dictionary<string, string?> { ["pid"] = "1", ["exec"] = "named" }, [new(0, 10), new(60_000, 20)]),
            (new Dictionary<string, string?> { ["pid"] = "2", ["exec"] = "named" }, [new(0, 5)]),
            (new Dictionary<string, string?> { ["pid"] = "3", ["exec"] = "bash" }, [new(0, 30), new(60_000, 0)]),
        ];
        var groups = TopN.Summarise(TopN.GroupSum(threads, "exec"));
        var named = groups.Single(g => g.Labels["exec"] == "named");
        Assert.Equal(17.5, named.Avg); // (10+5, 20)
        Assert.Equal(20, named.Max);
        Assert.Equal(2, named.Samples);
        Assert.Equal(["named", "bash"], TopN.Rank(groups, TopBy.Avg, 5).Select(g => g.Labels["exec"]));
        Assert.Equal(["bash", "named"], TopN.Rank(groups, TopBy.Max, 5).Select(g => g.Labels["exec"]));
        Assert.Equal(["exec"], named.Labels.Keys);
    }

    [Fact]
    public void Label_key_is_order_independent()
    {
        var a = new Dictionary<string, string?> { ["b"] = "2", ["a"] = "1" };
        var b = new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" };
        Assert.Equal("a=1,b=2", TopN.LabelKey(a));
        Assert.Equal(TopN.LabelKey(a), TopN.LabelKey(b));
    }
}
