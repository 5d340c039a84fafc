using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Charts;

/// <summary>Limits of chart rendering (configuration section <c>Mcp:Charts</c>).</summary>
public sealed class ChartOptions
{
    public const string Section = "Mcp:Charts";

    /// <summary>Charts rendered at once (each holds a bitmap of up to width x height x 4 bytes and a core).</summary>
    [Range(1, 256, ErrorMessage = "Mcp:Charts:MaxConcurrentRenders must be between {1} and {2}.")]
    public int MaxConcurrentRenders { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Charts waiting for a renderer; beyond them a chart call is refused with <c>charts_busy</c>.</summary>
    [Range(0, 10000, ErrorMessage = "Mcp:Charts:MaxQueuedRenders must be between {1} and {2}.")]
    public int MaxQueuedRenders { get; set; } = 16;
}

/// <summary>
/// Every chart is rendered through this gate: rendering is CPU- and memory-bound, so a burst of chart calls is
/// rendered a few at a time, a bounded number waits (no longer than the call's deadline) and the rest are refused at
/// once with a retry hint instead of piling up.
/// </summary>
public sealed class ChartRenderGate
{
    public const string Busy = "charts_busy";

    readonly SemaphoreSlim _renderers;
    readonly int _running;
    readonly int _queued;
    int _pending;

    public ChartRenderGate(IOptions<ChartOptions> options)
    {
        _running = Math.Max(1, options.Value.MaxConcurrentRenders);
        _queued = Math.Max(0, options.Value.MaxQueuedRenders);
        _renderers = new SemaphoreSlim(_running, _running);
    }

    /// <summary>Charts rendering or waiting right now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public async Task<byte[]> RenderAsync(Func<byte[]> render, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _pending) > _running + _queued)
        {
            Interlocked.Decrement(ref _pending);
            throw new ToolError(Busy, $"{_running} chart(s) are being rendered and {_queued} wait; this chart was not started.",
                next: "Retry in a few seconds, or make fewer chart calls at once.");
        }
        try
        {
            await _renderers.WaitAsync(ct);
            try
            {
                ct.ThrowIfCancellationRequested();
                return render();
            }
            finally
            {
                _renderers.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}
