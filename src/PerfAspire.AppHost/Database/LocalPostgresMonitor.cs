using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using PerfAspire.LocalPostgres;

namespace PerfAspire.AppHost.Database;

/// <summary>
/// Turns a local server that does not come up into one line: PostgreSQL's own FATAL line (or initdb's error) with
/// the data directory and the fix, then stops the application (exit code 1) instead of leaving the services
/// waiting. The directory is never touched. It watches from before the orchestrator starts: the orchestrator's own
/// start waits for the services, which wait for the database, so a hosted service started after it would never run.
/// </summary>
public sealed class LocalPostgresMonitor(LocalPostgresInstance instance, string resourceName)
{
    string? _initError;
    Task? _watch;
    readonly TaskCompletionSource<string> _refusal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the line printed when the server did not come up (tests read it).</summary>
    public Task<string> Refusal => _refusal.Task;

    public required ResourceNotificationService Notifications { get; init; }

    public required ResourceLoggerService Logs { get; init; }

    public required IHostApplicationLifetime Lifetime { get; init; }

    /// <summary>Runs initdb before the server starts, keeping its error for the line.</summary>
    public async Task InitAsync(CancellationToken ct)
    {
        try
        {
            await LocalPostgresSetup.InitAsync(instance.Plan, ct);
        }
        catch (LocalPostgresException e)
        {
            _initError = e.Message;
            throw;
        }
    }

    /// <summary>Starts watching the resource until it is healthy, refused, or the application stops.</summary>
    public void Start() => _watch ??= Task.Run(() => WatchAsync(Lifetime.ApplicationStopping));

    async Task WatchAsync(CancellationToken stoppingToken)
    {
        var lines = new ConcurrentQueue<LogLine>();
        using var stopLogs = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Task reader = Task.CompletedTask;
        try
        {
            await foreach (var e in Notifications.WatchAsync(stoppingToken))
            {
                if (e.Resource.Name != resourceName) continue;
                // The log service keys a running process by its id (the name plus a suffix), and replays its backlog.
                if (reader.IsCompleted) reader = ReadLinesAsync(e.ResourceId, lines, stopLogs.Token);
                if (e.Snapshot.HealthStatus == HealthStatus.Healthy) return;
                if (e.Snapshot.State?.Text is not ("Exited" or "FailedToStart" or "Finished")) continue;
                // Its last lines reach the log service just after the state change, and not always in order.
                for (var i = 0; i < 20 && !lines.Any(l => IsFatal(l.Content)) && _initError is null; i++) await Task.Delay(100, stoppingToken);
                if (_initError is null) await Task.Delay(300, stoppingToken);
                var cause = _initError ?? Cause([.. lines.OrderBy(l => l.LineNumber).Select(l => l.Content)]) ?? "it exited without a FATAL line; see the timescale resource's log";
                var message = $"PerfAspire: PostgreSQL refused to start on {instance.Plan.Layout.DataDir}: {cause}. The directory was left as it is: fix the cause, or wipe it with {LocalPostgresSetup.ResetHint}.";
                Console.Error.WriteLine(message);
                _refusal.TrySetResult(message);
                Environment.ExitCode = 1;
                Lifetime.StopApplication();
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            await stopLogs.CancelAsync();
            await reader;
        }
    }

    async Task ReadLinesAsync(string resourceId, ConcurrentQueue<LogLine> lines, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await foreach (var batch in Logs.WatchAsync(resourceId).WithCancellation(ct))
            {
                foreach (var line in batch) lines.Enqueue(line);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    static bool IsFatal(string line) => line.Contains("FATAL:", StringComparison.Ordinal) || line.Contains("PANIC:", StringComparison.Ordinal);

    /// <summary>
    /// The first FATAL (or PANIC) line, with the LOG/ERROR line just before it (PostgreSQL names a bad setting there
    /// and only says "contains errors" in the FATAL) and the DETAIL/HINT lines after it, as one line.
    /// </summary>
    public static string? Cause(IReadOnlyList<string> lines)
    {
        var at = -1;
        for (var i = 0; i < lines.Count && at < 0; i++) if (IsFatal(lines[i])) at = i;
        if (at < 0) return null;
        var parts = new List<string>();
        if (at > 0 && Message(lines[at - 1], "LOG:", "ERROR:") is { } before) parts.Add(before);
        parts.Insert(0, Message(lines[at], "FATAL:", "PANIC:")!);
        for (var i = at + 1; i < lines.Count && Message(lines[i], "DETAIL:", "HINT:") is { } more; i++) parts.Add(more);
        return string.Join("; ", parts);
    }

    /// <summary>A log line from its level marker on, whitespace collapsed, or null when it has none of them.</summary>
    static string? Message(string line, params string[] levels)
    {
        foreach (var level in levels)
        {
            var i = line.IndexOf(level, StringComparison.Ordinal);
            if (i >= 0) return string.Join(' ', line[i..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        }
        return null;
    }
}
