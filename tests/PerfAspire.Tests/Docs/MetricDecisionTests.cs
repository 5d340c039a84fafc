using PerfAspire.Docs.Search;

namespace PerfAspire.Tests.Docs;

public sealed class MetricDecisionTests
{
    static readonly SearchSettings Settings = new() { AutoMinScore = 0.90, AutoMinGap = 0.15, NoMatchBelow = 0.40 };

    [Fact]
    public void One_exact_name_is_auto_whatever_the_scores()
    {
        var o = MetricDecision.Decide([1.0, 0.99], [0], Settings);
        Assert.Equal((MetricDecision.Auto, "exact", (int?)0), (o.Decision, o.Reason, o.ChosenIndex));
    }

    [Fact]
    public void Two_exact_names_are_ambiguous()
    {
        Assert.Equal(MetricDecision.Ambiguous, MetricDecision.Decide([1.0, 1.0], [0, 1], Settings).Decision);
    }

    [Fact]
    public void Below_the_floor_is_no_match_before_any_other_rule()
    {
        Assert.Equal(("no_match", "below_floor"), Pair(MetricDecision.Decide([0.39], [], Settings)));
        Assert.Equal(("no_match", "below_floor"), Pair(MetricDecision.Decide([], [], Settings)));
    }

    [Theory]
    [InlineData(0.95, 0.70, "auto", "confident")]
    [InlineData(0.90, 0.75, "auto", "confident")]
    [InlineData(0.95, 0.85, "ambiguous", "close_runner_up")]
    [InlineData(0.89, 0.10, "ambiguous", "low_score")]
    [InlineData(0.40, 0.00, "ambiguous", "low_score")]
    public void Abs_and_gap_decide_between_auto_and_ambiguous(double best, double second, string decision, string reason)
    {
        Assert.Equal((decision, reason), Pair(MetricDecision.Decide([best, second], [], Settings)));
    }

    [Fact]
    public void A_lone_confident_candidate_is_auto()
    {
        Assert.Equal(MetricDecision.Auto, MetricDecision.Decide([0.93], [], Settings).Decision);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var loose = new SearchSettings { AutoMinScore = 0.5, AutoMinGap = 0.05, NoMatchBelow = 0.2 };
        Assert.Equal(MetricDecision.Auto, MetricDecision.Decide([0.6, 0.5], [], loose).Decision);
        Assert.Equal(MetricDecision.Ambiguous, MetricDecision.Decide([0.6, 0.5], [], Settings).Decision);
    }

    [Fact]
    public void Inconsistent_settings_are_rejected_with_the_setting_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SearchSettings { AutoMinScore = 1.5 }.Validate());
        Assert.Contains("AutoMinScore", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchSettings { NoMatchBelow = 0.95 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchSettings { CosineFloor = 0.8, CosineCeiling = 0.7 }.Validate());
    }

    static (string, string) Pair(MetricDecision.Outcome o) => (o.Decision, o.Reason);
}
