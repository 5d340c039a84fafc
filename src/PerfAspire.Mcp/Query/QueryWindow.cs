using System.Text.Json;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>The time range of one query, defaulting to the whole bundle.</summary>
/// <param name="Origin">Where time buckets are counted from: the start when one was given (the first bucket starts
/// exactly there), else <see cref="BucketOrigin.Default"/> (the rollup's buckets, which whole-bundle queries read).</param>
public sealed record QueryWindow(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Origin)
{
    public TimeSpan Span => End - Start;

    /// <summary><see cref="Origin"/> in epoch milliseconds (in-memory downsampling keeps the query's buckets).</summary>
    public long OriginMs => Origin.ToUnixTimeMilliseconds();

    /// <summary>True when the window and the bundle's sample range share at least one instant.</summary>
    public bool Overlaps(BundleContext bundle) =>
        bundle.TimeStart is not { } s || bundle.TimeEnd is not { } e || (Start <= e && End >= s);

    public static QueryWindow Resolve(JsonElement? start, JsonElement? end, BundleContext bundle, List<string> notes)
    {
        var bundleStart = bundle.TimeStart ?? bundle.TimeEnd;
        var bundleEnd = bundle.TimeEnd ?? bundle.TimeStart;
        if (bundleStart is not { } bs || bundleEnd is not { } be)
        {
            if (IsMissing(start) || IsMissing(end))
            {
                throw new ToolError("bundle_has_no_time_range",
                    $"Bundle {bundle.BundleId} has no recorded time range (state '{bundle.State}'), so the default window cannot be used.",
                    next: "Give both start and end explicitly, or check the bundle with support_ingest_status.");
            }
            bs = DateTimeOffset.UnixEpoch;
            be = DateTimeOffset.UnixEpoch;
        }
        var s = TimeArgument.Parse(start, "start", bs, be, bs, notes);
        var e = TimeArgument.Parse(end, "end", bs, be, be, notes);
        if (e < s)
        {
            throw new ToolError("invalid_window", $"end ({e:O}) is before start ({s:O}).",
                next: $"The bundle covers {bs:O} .. {be:O}; leave start/end out to use all of it.");
        }
        return new QueryWindow(s, e, IsMissing(start) ? BucketOrigin.Default : s);
    }

    static bool IsMissing(JsonElement? v) =>
        v is not { } x || x.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (x.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(x.GetString()));
}
