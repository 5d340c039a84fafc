using Microsoft.Extensions.DependencyInjection;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SeriesQueryServiceTests(DatabaseFixture db)
{
    [Fact]
    public async Task Series_are_grouped_per_label_combination_with_the_chosen_step()
    {
        var env = await McpEnvironment.GetAsync(db);
        var series = env.Server.Services.GetRequiredService<SeriesQueryService>();
        var result = await series.RunAsync(new QueryArguments { Metric = "cpu_utilization_percent", StepSeconds = 120 });
        Assert.Equal("cpu_utilization", result.Metric);
        Assert.Equal("cpu_utilization_percent", result.AliasUsed);
        Assert.Equal(120, result.StepSeconds);
        Assert.Equal(TestBundleData.Cpus.Order(StringComparer.Ordinal), result.Series.Select(s => s.Labels["cpu"]));
        var cpu0 = result.Series.Single(s => s.Labels["cpu"] == "cpu0");
        Assert.Equal(15, cpu0.Points.Count);
        var expectedFirst = (TestBundleData.CpuUtilization(TestBundleData.ActiveBundle, 0, 1) + TestBundleData.CpuUtilization(TestBundleData.ActiveBundle, 1, 1)) / 2;
        Assert.Equal(expectedFirst, cpu0.Points[0].Value!.Value, 9);
        Assert.Equal(TestBundleData.T0, cpu0.Points[0].Ts);
        Assert.False(result.Truncated);
        Assert.Null(result.Empty);
    }

    [Fact]
    public async Task Group_by_collapses_series_and_max_series_cuts_with_truncated()
    {
        var env = await McpEnvironment.GetAsync(db);
        var series = env.Server.Services.GetRequiredService<SeriesQueryService>();
        var one = await series.RunAsync(new QueryArguments { Metric = "cpu_utilization", GroupBy = [] });
        var only = Assert.Single(one.Series);
        Assert.Empty(only.Labels);
        Assert.Equal(TestBundleData.Epochs, only.Points.Count);
        for (var i = 0; i < TestBundleData.Epochs; i++)
        {
            var expected = Enumerable.Range(0, TestBundleData.Cpus.Length).Average(c => TestBundleData.CpuUtilization(TestBundleData.ActiveBundle, i, c));
            Assert.Equal(expected, only.Points[i].Value!.Value, 9);
        }

        var cut = await series.RunAsync(new QueryArguments { Metric = "cpu_utilization" }, maxSeries: 2);
        Assert.Equal(2, cut.Series.Count);
        Assert.True(cut.Truncated);
    }

    [Fact]
    public async Task Errors_and_empty_answers_are_the_same_as_the_tools()
    {
        var env = await McpEnvironment.GetAsync(db);
        var series = env.Server.Services.GetRequiredService<SeriesQueryService>();
        var error = await Assert.ThrowsAsync<ToolError>(() => series.RunAsync(new QueryArguments { Metric = "cpu_utilisation" }));
        Assert.Equal("metric_not_found", error.Code);
        Assert.Contains("cpu_utilization", error.Closest!);
        var wrong = await Assert.ThrowsAsync<ToolError>(() => series.RunAsync(new QueryArguments { Metric = "cpu_utilization", Pattern = "topk" }));
        Assert.Equal("pattern_not_applicable", wrong.Code);
        var empty = await series.RunAsync(new QueryArguments { Metric = "cpu_utilization", Filters = QueryArguments.Json(new Dictionary<string, IReadOnlyList<string>> { ["cpu"] = ["nope"] }) });
        Assert.Empty(empty.Series);
        Assert.Equal(EmptyResult.FilterMatchedNothing, empty.Empty!.Reason);
    }
}
