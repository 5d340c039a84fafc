using PerfAspire.Docs.Quality;
using Xunit.Abstractions;

namespace PerfAspire.Tests.Docs;

/// <summary>
/// Metric search quality on the gold set (tests/PerfAspire.Tests/Docs/gold-set.json) with the real model and
/// corpus: recall@5 ≥ 0.9 and precision of auto decisions ≥ 0.95, both printed.
/// </summary>
public sealed class GoldSetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Recall_at_5_and_auto_precision_meet_the_bar()
    {
        var gold = GoldSet.Load(GoldSet.Locate());
        Assert.True(gold.Questions.Count >= 60, $"the gold set needs at least 60 questions, has {gold.Questions.Count}");
        var report = await gold.EvaluateAsync(await SharedDocsIndex.QueriesAsync());
        var text = report.Format(details: false);
        output.WriteLine(text);
        Console.WriteLine("[docs gold set] " + text);

        Assert.True(report.RecallAt5 >= 0.9, $"recall@5 {report.RecallAt5:F3} < 0.9\n{text}");
        Assert.True(report.AutoPrecision >= 0.95, $"auto precision {report.AutoPrecision:F3} < 0.95\n{text}");
        Assert.True(report.AutoCount > 0, "no auto decision at all: precision would be vacuous");
        Assert.Equal(0, report.OffTopicAuto);
    }

    [Fact]
    public async Task Held_out_questions_generalise()
    {
        // Written after tuning and never tuned on: a lower bar, but a real one.
        var held = GoldSet.Load(GoldSet.Locate()).HeldOutSet;
        Assert.True(held.Questions.Count >= 20);
        var report = await held.EvaluateAsync(await SharedDocsIndex.QueriesAsync());
        var text = report.Format(details: false);
        output.WriteLine(text);
        Console.WriteLine("[docs held-out] " + text);
        Assert.True(report.RecallAt5 >= 0.8, $"held-out recall@5 {report.RecallAt5:F3} < 0.8\n{text}");
        Assert.True(report.AutoPrecision >= 0.9, $"held-out auto precision {report.AutoPrecision:F3} < 0.9\n{text}");
    }
}
