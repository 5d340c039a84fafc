using PerfAspire.Mcp.Analysis;

namespace PerfAspire.Tests.Analysis;

public sealed class AnomalyDetectionTests
{
    private const long T0 = 1_751_118_720_000;
    private const long Step = 60_000;

    /// <summary>100 samples around 10 with a ±0.2 deterministic wobble, a spike at 40 and a +5 step from 70 on.</summary>
    private static Sample[] SpikeAndStep()
    {
        var values = new double[100];
        for (var i = 0; i < values.Length; i++) values[i] = 10 + ((i * 7) % 5 - 2) * 0.1 + (i >= 70 ? 5 : 0);
        values[40] = 30;
        return values.Select((v, i) => new Sample(T0 + i * Step, v)).ToArray();
    }

    [Fact]
    public void Finds_the_spike_and_the_level_shift_at_their_timestamps()
    {
        var report = AnomalyDetection.Detect(SpikeAndStep());

        var spike = Assert.Single(report.Spikes);
        Assert.Equal(T0 + 40 * Step, spike.TsMs);
        Assert.Equal(30, spike.Value);
        Assert.Equal(10, spike.Baseline, 9);
        Assert.True(spike.Score > 3.5);

        var shift = Assert.Single(report.Shifts);
        Assert.Equal(T0 + 70 * Step, shift.TsMs);
        Assert.Equal(10, shift.Before, 9);
        Assert.Equal(15, shift.After, 9);
        Assert.True(shift.Score > 5);
        Assert.Equal(100, report.Samples);
        Assert.Null(report.Note);
    }

    [Fact]
    public void A_downward_shift_has_a_negative_score()
    {
        var samples = Enumerable.Range(0, 60).Select(i => new Sample(T0 + i * Step, (i < 30 ? 50 : 20) + (i % 3) * 0.5)).ToArray();
        var shift = Assert.Single(AnomalyDetection.Detect(samples).Shifts);
        Assert.Equal(T0 + 30 * Step, shift.TsMs);
        Assert.True(shift.Score < -5);
    }

    [Fact]
    public void Constant_data_has_no_anomalies()
    {
        var samples = Enumerable.Range(0, 50).Select(i => new Sample(T0 + i * Step, 42)).ToArray();
        var report = AnomalyDetection.Detect(samples);
        Assert.Empty(report.Spikes);
        Assert.Empty(report.Shifts);
        Assert.Equal(42, report.Median);
        Assert.Equal(0, report.Mad);
    }

    [Fact]
    public void Too_few_samples_say_so()
    {
        var report = AnomalyDetection.Detect([new Sample(T0, 1), new Sample(T0 + Step, 100)]);
        Assert.Empty(report.Spikes);
        Assert.Contains("too few samples (2)", report.Note);
    }

    [Fact]
    public void Results_are_capped_and_flagged()
    {
        var values = Enumerable.Range(0, 200).Select(i => 10 + (i % 2) * 0.01 + (i % 10 == 5 ? 50 : 0)).ToArray();
        var report = AnomalyDetection.Detect(values.Select((v, i) => new Sample(T0 + i * Step, v)).ToArray(), new AnomalyDetection.Options(MaxResults: 5));
        Assert.Equal(5, report.Spikes.Count);
        Assert.True(report.SpikesTruncated);
        Assert.True(report.Spikes.Zip(report.Spikes.Skip(1)).All(p => p.First.TsMs < p.Second.TsMs));
    }

    [Fact]
    public void Rolling_median_truncates_at_the_edges()
    {
        // Windows: [1,3,2] [1,3,2,5] [1,3,2,5,4] [3,2,5,4] [2,5,4].
        Assert.Equal([2, 2.5, 3, 3.5, 4], AnomalyDetection.RollingMedian([1, 3, 2, 5, 4], 2));
    }
}
