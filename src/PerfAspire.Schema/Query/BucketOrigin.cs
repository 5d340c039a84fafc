namespace PerfAspire.Schema.Query;

/// <summary>
/// Where time buckets are counted from: a bucket of width w starts at origin + n × w. The SQL calls
/// <c>{schema}.time_bucket(width, ts, origin)</c> (defined in both database modes), ingestion's time-bucketed rollup
/// and the in-memory downsampling use the same arithmetic.
/// </summary>
public static class BucketOrigin
{
    /// <summary>TimescaleDB's own default origin, Monday 2000-01-03 00:00 UTC, in Unix seconds.</summary>
    public const long DefaultUnixSeconds = 946_857_600;

    /// <summary>The origin of the rollup and of queries over the whole bundle (no start given).</summary>
    public static readonly DateTimeOffset Default = DateTimeOffset.FromUnixTimeSeconds(DefaultUnixSeconds);

    /// <summary>True when buckets of <paramref name="widthSeconds"/> counted from <paramref name="origin"/> start where
    /// buckets of that width counted from <see cref="Default"/> do (so rollup buckets of that width can serve them).</summary>
    public static bool IsAligned(DateTimeOffset origin, long widthSeconds) =>
        widthSeconds > 0 && (origin - Default).Ticks % (widthSeconds * TimeSpan.TicksPerSecond) == 0;

    /// <summary>The start of the bucket of width <paramref name="widthMs"/> that holds <paramref name="tsMs"/> (epoch ms).</summary>
    public static long BucketStartMs(long tsMs, long widthMs, long originMs) =>
        originMs + (long)Math.Floor((tsMs - originMs) / (double)widthMs) * widthMs;
}
