using Polly;
using Polly.Retry;

namespace PerfAspire.Schema.Database;

/// <summary>
/// The one way the services retry database work that failed because of the connection or the server's state (not
/// because of the statement): a Polly retry pipeline with exponential backoff (base delay doubled per retry, capped),
/// optionally jittered so parallel writers do not retry in lock step. Which errors count as transient is the
/// caller's rule; a cancelled call is never retried. With no retries the pipeline runs the work once.
/// </summary>
public static class DatabaseRetry
{
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(5);

    /// <param name="retries">Retries after the first attempt.</param>
    /// <param name="baseDelay">The wait before the first retry; each further retry waits twice as long, up to <paramref name="maxDelay"/>.</param>
    /// <param name="isTransient">Which failures are worth another attempt.</param>
    /// <param name="onRetry">Called before each retry with the failure and the retry's number (1, 2, ...) — for logs and counters.</param>
    public static ResiliencePipeline Pipeline(int retries, TimeSpan baseDelay, Func<Exception, bool> isTransient,
        Action<Exception, int>? onRetry = null, bool jitter = false, TimeSpan? maxDelay = null)
    {
        if (retries <= 0) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested && isTransient(e)),
            MaxRetryAttempts = retries,
            Delay = baseDelay,
            MaxDelay = maxDelay ?? DefaultMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = jitter,
            OnRetry = args =>
            {
                if (args.Outcome.Exception is { } e) onRetry?.Invoke(e, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
