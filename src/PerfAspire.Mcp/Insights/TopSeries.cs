using System.Text.Json;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Insights;

/// <summary>
/// top_n / graph_topk: the K series of a metric with the highest average (or maximum) over a window. The arguments go
/// through the shared planner (metric and alias, bundle scope, window, filters); the ranking SQL is
/// <see cref="RankingSql"/>: per series, or — with a group label such as exec — per label value after summing its
/// series at every sample time. Counters rank by their per-second rate.
/// </summary>
public sealed class TopSeries(ReadOnlySessionFactory sessions, QueryPlanner planner, QueryRunner runner, SeriesQueryService series, SeriesRollup rollup)
{
    public const int MaxK = 50;

    public sealed record Entry(int Rank, IReadOnlyDictionary<string, string?> Labels, double? Avg, double? Max, long Samples);

    public sealed record Ranking(
        QueryPlan Plan, string? AliasUsed, string? GroupLabel, TopBy By, IReadOnlyList<Entry> Top, bool MoreExist,
        IReadOnlyList<string> Warnings, IReadOnlyList<string> Notes, EmptyResult? Empty);

    public async Task<Ranking> RankAsync(QueryArguments args, string? groupLabel, TopBy by, int k, CancellationToken ct)
    {
        if (k is < 1 or > MaxK) throw new ToolError("invalid_argument", $"k must be between 1 and {MaxK}.");
        await using var session = await sessions.OpenAsync(ct);
        // summary_stats fits every metric kind: the plan validates metric, bundle, window and filters for us.
        var planned = await planner.PlanAsync(args with { Pattern = QueryPatterns.SummaryStats, GroupBy = null, K = null }, session, ct);
        var plan = planned.Plan;
        var warnings = new List<string>(planned.Warnings);
        var notes = new List<string>(planned.Notes);
        var label = groupLabel is null ? null : CatalogSnapshot.ResolveLabel(plan.Metric, groupLabel);
        if (label is not null && plan.Metric.IsCounter)
        {
            throw new ToolError("group_by_not_supported",
                $"{plan.Metric.Name} is a counter: summing raw counter values per {label} means nothing.",
                next: $"Rank without group_by (counters rank by their rate over the window), or use query_run {{\"pattern_name\": \"counter_rate\", \"metric_name\": \"{plan.Metric.Name}\", \"group_by\": [\"{label}\"]}}.");
        }
        if (plan.Metric.IsCounter) notes.Add($"{plan.Metric.Name} is a counter: avg is its per-second rate over the window, max its highest rate between two samples.");
        if (!plan.Window.Overlaps(plan.Bundle))
        {
            return new Ranking(plan, planned.AliasUsed, label, by, [], false, warnings, notes, EmptyResult.OutsideBundle(plan));
        }

        // Per series over the whole bundle, a gauge's average and maximum are in the series rollup (counters rank by
        // their largest step rate, which it does not keep; per-group sums need the sample times).
        var fromRollup = label is null && !plan.Metric.IsCounter && plan.CoversBundle
            && await rollup.HasRowsAsync(session, plan.Bundle.BundleId, plan.Metric.View, ct);
        var query = label is not null ? RankingSql.PerGroup(plan.Sql, label, by == TopBy.Max, k + 1)
            : fromRollup ? RankingSql.PerSeriesFromRollup(plan.Sql, by == TopBy.Max, k + 1)
            : RankingSql.PerSeries(plan.Sql, by == TopBy.Max, k + 1);
        var rows = await runner.RunAsync(session, query, k + 1, ct);
        var valueIndex = Index(rows, "value");
        var maxIndex = Index(rows, "max_value");
        var samplesIndex = Index(rows, "samples");
        var labelColumns = rows.Columns.Select((c, i) => (c, i)).Where(x => x.i != valueIndex && x.i != maxIndex && x.i != samplesIndex).ToArray();
        var entries = rows.Rows.Take(k).Select((r, i) => new Entry(i + 1,
            labelColumns.ToDictionary(x => x.c, x => r[x.i]?.ToString(), StringComparer.Ordinal),
            r[valueIndex] as double?, r[maxIndex] as double?, r[samplesIndex] is long n ? n : 0)).ToList();
        var empty = entries.Count == 0 ? await EmptyResult.ExplainAsync(plan, session, runner, ct) : null;
        return new Ranking(plan, planned.AliasUsed, label, by, entries, rows.Rows.Count > k || rows.Truncated, warnings, notes, empty);
    }

    /// <summary>The time series of the ranked entries, in rank order (entries with no series in the window are skipped).</summary>
    public async Task<(IReadOnlyList<(Entry Entry, Series Series)> Series, int StepSeconds, string Pattern)> SeriesAsync(
        Ranking ranking, QueryArguments args, CancellationToken ct)
    {
        if (ranking.Top.Count == 0) return ([], (int)ranking.Plan.StepSeconds, "none");
        if (ranking.GroupLabel is { } label)
        {
            await using var session = await sessions.OpenAsync(ct);
            var plan = ranking.Plan;
            var groups = ranking.Top.Select(e => e.Labels[label]!).ToList();
            var points = (int)Math.Ceiling(plan.Window.Span.TotalSeconds / plan.StepSeconds) + 2;
            var rows = await runner.RunAsync(session, RankingSql.GroupSeries(plan.Sql, label, groups, groups.Count * points + 1), groups.Count * points, ct);
            var byGroup = rows.Rows.GroupBy(r => r[2]?.ToString() ?? "").ToDictionary(g => g.Key, g => g.ToList());
            var result = new List<(Entry, Series)>();
            foreach (var e in ranking.Top)
            {
                if (!byGroup.TryGetValue(e.Labels[label] ?? "", out var list)) continue;
                result.Add((e, new Series(e.Labels, list.Select(r => new SeriesPoint((DateTimeOffset)r[0]!, r[1] as double?)).ToList())));
            }
            return (result, (int)plan.StepSeconds, "group_sum_avg");
        }

        // Narrow the series query with every label whose top values are all known; NULL labels cannot be bound as
        // filter values, so those are matched below instead.
        var filters = SeriesFetch.Filters(args.Filters)?.ToDictionary(kv => kv.Key.Trim().ToLowerInvariant(), kv => kv.Value, StringComparer.Ordinal)
                      ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in ranking.Top[0].Labels.Keys)
        {
            var values = ranking.Top.Select(e => e.Labels.GetValueOrDefault(name)).ToList();
            if (values.Any(v => v is null)) continue;
            var top = values.Distinct().Select(v => v!).ToList();
            filters[name] = filters.TryGetValue(name, out var given) ? top.Intersect(given, StringComparer.Ordinal).ToList() : top;
        }
        var fetched = await series.RunAsync(args with { Pattern = null, Filters = QueryArguments.Json(filters), GroupBy = null },
            Math.Min(1000, ranking.Top.Count * 8), ct);
        var byKey = fetched.Series.GroupBy(s => TopN.LabelKey(s.Labels)).ToDictionary(g => g.Key, g => g.First());
        var matched = new List<(Entry, Series)>();
        foreach (var e in ranking.Top)
        {
            if (byKey.TryGetValue(TopN.LabelKey(e.Labels), out var s)) matched.Add((e, s));
        }
        return (matched, fetched.StepSeconds, fetched.Pattern);
    }

    static int Index(QueryRows rows, string name)
    {
        for (var i = 0; i < rows.Columns.Count; i++) if (rows.Columns[i] == name) return i;
        throw new InvalidOperationException($"Ranking has no {name} column.");
    }

    /// <summary>The arguments of top_n / graph_topk: a selector (metric with optional filters) plus a filters object.</summary>
    public static QueryArguments Arguments(string metric, JsonElement? filters, string? bundleId, JsonElement? start, JsonElement? end, double? stepSeconds)
    {
        var selector = MetricSelector.Parse(metric);
        var merged = selector.MergedWith(SeriesFetch.Filters(filters));
        return new QueryArguments
        {
            Metric = selector.Metric,
            BundleId = bundleId,
            Start = start,
            End = end,
            StepSeconds = stepSeconds,
            Filters = merged.Count == 0 ? null : QueryArguments.Json(merged),
        };
    }

    /// <summary>The answer body both ranking tools share.</summary>
    public static Dictionary<string, object?> Body(Ranking ranking, string tool)
    {
        var plan = ranking.Plan;
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["metric"] = plan.Metric.Name,
            ["resolved_from_alias"] = ranking.AliasUsed,
            ["unit"] = plan.Metric.Unit,
            ["metric_kind"] = plan.Metric.KindName,
            ["by"] = ranking.By == TopBy.Max ? "max" : "avg",
            ["group_by"] = ranking.GroupLabel,
            ["bundle_id"] = plan.Bundle.BundleId,
            ["start"] = Values.Iso(plan.Window.Start),
            ["end"] = Values.Iso(plan.Window.End),
            ["ranking"] = ranking.Top.Select(e => new
            {
                rank = e.Rank,
                labels = e.Labels,
                avg = e.Avg is { } a ? Values.Round(a) : (double?)null,
                max = e.Max is { } m ? Values.Round(m) : (double?)null,
                samples = e.Samples,
            }).ToList(),
            ["more_exist"] = ranking.MoreExist,
            ["warnings"] = ranking.Warnings,
        };
        if (ranking.Notes.Count > 0) body["notes"] = ranking.Notes;
        if (ranking.Empty is { } empty)
        {
            body["empty_reason"] = empty.Reason;
            body["explanation"] = empty.Explanation;
            body["next"] = empty.Next;
        }
        else if (tool == "top_n")
        {
            body["next"] = "graph_topk with the same arguments charts these series over time; query_range with a filter shows one of them.";
        }
        return body;
    }

    public static TopBy ParseBy(string? by) => (by ?? "avg").Trim().ToLowerInvariant() switch
    {
        "avg" or "mean" or "average" => TopBy.Avg,
        "max" or "maximum" or "peak" => TopBy.Max,
        _ => throw new ToolError("invalid_argument", $"by must be 'avg' or 'max', not '{Text.Clip(by ?? "")}'."),
    };
}
