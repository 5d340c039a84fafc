using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>One point of a series; <see cref="Value"/> is null where the database produced NULL.</summary>
public readonly record struct SeriesPoint(DateTimeOffset Ts, double? Value);

/// <summary>One series: its label values (series identity inside the bundle) and points in time order.</summary>
public sealed record Series(IReadOnlyDictionary<string, string?> Labels, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// Series of one metric in one bundle, ready for legacy shapes and charts. <see cref="Truncated"/> = more series
/// existed than <c>maxSeries</c>; <see cref="Empty"/> explains an empty answer.
/// </summary>
public sealed record SeriesResult(
    string Metric,
    string? AliasUsed,
    string Pattern,
    string Unit,
    string Kind,
    BundleContext Bundle,
    QueryWindow Window,
    int StepSeconds,
    bool StepAutomatic,
    IReadOnlyList<Series> Series,
    bool Truncated,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    EmptyResult? Empty);

/// <summary>
/// The query layer for tools that want series rather than rows (legacy adapters, charts, analysis): the same
/// validation, bundle scoping, automatic step and SQL as query_run, grouped per label combination.
/// Time-series patterns only: timeseries_avg/max/sum, counter_rate, histogram_ops_per_sec,
/// histogram_latency_percentile (default: by metric kind).
/// </summary>
public sealed class SeriesQueryService(ReadOnlySessionFactory sessions, QueryPlanner planner, QueryRunner runner)
{
    static readonly HashSet<string> SeriesPatterns =
    [
        QueryPatterns.TimeseriesAvg, QueryPatterns.TimeseriesMax, QueryPatterns.TimeseriesSum, QueryPatterns.CounterRate,
        QueryPatterns.HistogramOpsPerSec, QueryPatterns.HistogramLatencyPercentile,
    ];

    /// <summary>Runs the query; <paramref name="maxSeries"/> caps the series returned (points per series are capped by the step).</summary>
    public async Task<SeriesResult> RunAsync(QueryArguments args, int maxSeries = 20, CancellationToken ct = default)
    {
        if (maxSeries is < 1 or > 1000) throw new ToolError("invalid_argument", "max_series must be between 1 and 1000.");
        if (args.Pattern is { } p && QueryPatterns.Find(p) is { } named && !SeriesPatterns.Contains(named.Name))
        {
            throw new ToolError("pattern_not_applicable", $"{named.Name} does not produce time series.",
                [.. SeriesPatterns], "Use a time-series pattern, or query_run for tables.");
        }
        await using var session = await sessions.OpenAsync(ct);
        // Row budget: every point of maxSeries+1 series (to detect the cut), independent of the caller's max_rows.
        var planned = await planner.PlanAsync(args with { MaxRows = null }, session, ct);
        var plan = planned.Plan;
        var pointsPerSeries = (int)Math.Min(int.MaxValue / 4, Math.Ceiling(plan.Window.Span.TotalSeconds / plan.StepSeconds) + 2);
        plan = plan with { RowLimit = (int)Math.Min(2_000_000, (long)(maxSeries + 1) * pointsPerSeries + 1) };
        var query = PatternSql.Render(plan.Sql);

        if (!plan.Window.Overlaps(plan.Bundle))
        {
            return Result(planned, plan, [], false, EmptyResult.OutsideBundle(plan));
        }
        var rows = await runner.RunAsync(session, query, plan.RowLimit - 1, ct);
        var (series, cut) = Group(rows, plan.GroupBy, maxSeries);
        var empty = series.Count == 0 ? await EmptyResult.ExplainAsync(plan, session, runner, ct) : null;
        return Result(planned, plan, series, cut || rows.Truncated, empty);
    }

    SeriesResult Result(QueryPlanner.Planned planned, QueryPlan plan, IReadOnlyList<Series> series, bool truncated, EmptyResult? empty) =>
        new(plan.Metric.Name, planned.AliasUsed, plan.Pattern.Name, plan.Metric.Unit ?? "", plan.Metric.KindName, plan.Bundle, plan.Window,
            plan.StepSeconds, plan.StepAutomatic, series, truncated, planned.Warnings, planned.Notes, empty);

    /// <summary>Rows arrive ordered by labels then time, so a series is a run of equal label values.</summary>
    static (List<Series> Series, bool Cut) Group(QueryRows rows, IReadOnlyList<string> seriesLabels, int maxSeries)
    {
        var tsIndex = IndexOf(rows.Columns, "ts_bucket");
        var valueIndex = IndexOf(rows.Columns, "value");
        var labelIndexes = seriesLabels.Select(l => IndexOf(rows.Columns, l)).ToArray();
        var result = new List<Series>();
        string?[]? currentKey = null;
        List<SeriesPoint>? points = null;
        foreach (var row in rows.Rows)
        {
            var key = labelIndexes.Select(i => row[i]?.ToString()).ToArray();
            if (currentKey is null || !key.SequenceEqual(currentKey))
            {
                if (result.Count == maxSeries) return (result, true);
                currentKey = key;
                points = [];
                var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var j = 0; j < labelIndexes.Length; j++) labels[rows.Columns[labelIndexes[j]]] = key[j];
                result.Add(new Series(labels, points));
            }
            points!.Add(new SeriesPoint((DateTimeOffset)row[tsIndex]!, row[valueIndex] is double d ? d : row[valueIndex] is long l ? l : null));
        }
        return (result, false);
    }

    static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        throw new InvalidOperationException($"Query result has no {name} column.");
    }
}
