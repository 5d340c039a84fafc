using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class NormalizationTests
{
    private static Sample[] S(params double[] values) => values.Select((v, i) => new Sample(1000L * i, v)).ToArray();

    [Fact]
    public void Max_mode_scales_each_comparator_to_the_primary_maximum()
    {
        var result = Normalization.Normalize(S(10, 20, 40), [("a", S(1, 2, 4)), ("b", S(5, 0.5, 8))], NormalizeMode.Max);

        Assert.Equal(40, result.PrimaryBaseline);
        Assert.Empty(result.Warnings);
        Assert.Equal(10, result.Comparators[0].Factor);
        Assert.Equal(5, result.Comparators[1].Factor);
        Assert.Equal([25, 2.5, 40], result.Comparators[1].Samples.Select(s => s.Value));
        Assert.Equal([0L, 1000, 2000], result.Comparators[1].Samples.Select(s => s.TsMs));
    }

    [Fact]
    public void First_mode_uses_the_earliest_sample_whatever_the_input_order()
    {
        Sample[] primary = [new(2000, 99), new(0, 10), new(1000, 20)];
        var result = Normalization.Normalize(primary, [("b", S(5, 0.5, 8))], NormalizeMode.First);

        Assert.Equal(10, result.PrimaryBaseline);
        Assert.Equal(2, result.Comparators[0].Factor);
        Assert.Equal([10, 1, 16], result.Comparators[0].Samples.Select(s => s.Value));
    }

    [Fact]
    public void A_zero_comparator_baseline_leaves_it_unscaled_with_a_warning()
    {
        var zero = S(0, 0, 0);
        var result = Normalization.Normalize(S(10, 20, 40), [("ok", S(1, 2, 4)), ("flat", zero), ("none", [])], NormalizeMode.Max);

        Assert.Equal(10, result.Comparators[0].Factor);
        Assert.Null(result.Comparators[1].Factor);
        Assert.Equal(0, result.Comparators[1].Baseline);
        Assert.Same(zero, result.Comparators[1].Samples);
        Assert.Null(result.Comparators[2].Factor);
        Assert.Null(result.Comparators[2].Baseline);
        Assert.Equal(["normalize_baseline_zero:flat", "normalize_baseline_missing:none"], result.Warnings);
    }

    [Fact]
    public void A_zero_first_sample_of_the_primary_disables_scaling()
    {
        var result = Normalization.Normalize(S(0, 20, 40), [("a", S(1, 2, 4))], NormalizeMode.First);

        Assert.Equal(0, result.PrimaryBaseline);
        Assert.Null(result.Comparators[0].Factor);
        Assert.Equal([1, 2, 4], result.Comparators[0].Samples.Select(s => s.Value));
        Assert.Equal(["normalize_primary_baseline_zero"], result.Warnings);
    }

    [Fact]
    public void A_missing_primary_is_reported()
    {
        var result = Normalization.Normalize([], [("a", S(1))], NormalizeMode.Max);
        Assert.Null(result.PrimaryBaseline);
        Assert.Equal(["normalize_primary_baseline_missing"], result.Warnings);
    }

    [Fact]
    public void Max_mode_uses_magnitudes_and_skips_non_finite_values()
    {
        Assert.Equal(-50, Normalization.Baseline(S(-50, 10, double.NaN), NormalizeMode.Max));
        var result = Normalization.Normalize(S(-50, 10), [("a", S(double.NaN, 5))], NormalizeMode.Max);
        Assert.Equal(10, result.Comparators[0].Factor);
        Assert.Equal(5, Normalization.Baseline(S(double.NaN, 5, 7), NormalizeMode.First));
    }
}
