using Microsoft.Extensions.Options;
using PerfAspire.Mcp.Charts;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Tests.Security;

/// <summary>Charts are rendered a few at a time, a bounded number waits, the rest are refused; sizes are bounded.</summary>
public sealed class ChartLimitsTests
{
    static readonly byte[] Png = [1, 2, 3];

    [Fact]
    public async Task Renders_beyond_the_running_and_queued_limits_are_refused_with_charts_busy()
    {
        var gate = new ChartRenderGate(Options.Create(new ChartOptions { MaxConcurrentRenders = 1, MaxQueuedRenders = 1 }));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => gate.RenderAsync(() =>
        {
            entered.Set();
            release.Wait();
            return Png;
        }, CancellationToken.None));
        entered.Wait();

        var secondRan = false;
        var second = gate.RenderAsync(() =>
        {
            secondRan = true;
            return Png;
        }, CancellationToken.None);
        var third = await Assert.ThrowsAsync<ToolError>(() => gate.RenderAsync(() => Png, CancellationToken.None));
        Assert.Equal(ChartRenderGate.Busy, third.Code);
        Assert.Contains("Retry", third.Next);
        // The one renderer is still held: the queued chart cannot have started.
        Assert.False(secondRan);
        Assert.Equal(2, gate.Pending);

        release.Set();
        Assert.Equal(Png, await first);
        Assert.Equal(Png, await second);
        Assert.True(secondRan);
        Assert.Equal(0, gate.Pending);
        Assert.Equal(Png, await gate.RenderAsync(() => Png, CancellationToken.None));
    }

    [Fact]
    public async Task A_waiting_chart_whose_call_ends_leaves_the_queue()
    {
        var gate = new ChartRenderGate(Options.Create(new ChartOptions { MaxConcurrentRenders = 1, MaxQueuedRenders = 1 }));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => gate.RenderAsync(() =>
        {
            entered.Set();
            release.Wait();
            return Png;
        }, CancellationToken.None));
        entered.Wait();
        using var cts = new CancellationTokenSource();
        var waiting = gate.RenderAsync(() => Png, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, gate.Pending);
        release.Set();
        await first;
        Assert.Equal(0, gate.Pending);
    }

    [Theory]
    [InlineData(4000, 560)]
    [InlineData(1000, 4000)]
    [InlineData(2401, 560)]
    [InlineData(1000, 1601)]
    [InlineData(199, 560)]
    public void Chart_sizes_beyond_the_limits_are_invalid_argument(int width, int height)
    {
        var e = Assert.Throws<ToolError>(() => ChartSize.Read(width, height));
        Assert.Equal("invalid_argument", e.Code);
        Assert.Contains("2400", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("t", "u", [], Width: width, Height: height)));
    }

    [Fact]
    public void The_largest_chart_renders()
    {
        Assert.Equal((TimeSeriesChart.MaxWidth, TimeSeriesChart.MaxHeight), ChartSize.Read(TimeSeriesChart.MaxWidth, TimeSeriesChart.MaxHeight));
        var png = TimeSeriesChart.RenderPng(new TimeSeriesChartSpec("t", "u", [], Width: TimeSeriesChart.MaxWidth, Height: TimeSeriesChart.MaxHeight));
        Assert.Equal(0x89, png[0]);
    }
}
