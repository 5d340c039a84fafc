using System.Text.Json;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Insights;

/// <summary>
/// top_n / graph_topk: the K series of a metric with the highest average (or maximum) over a window, through the
/// shared planner. Without a group label this is the query layer's topk pattern (per series; counters by their rate
/// over the window). With one (e.g. exec), the series of each label value are summed at every sample time first
/// (<see cref="GroupSumSql"/>), so "named" ranks by the CPU of all its threads together.
/// </summary>
public sealed class TopSeries(ReadOnlySessionFactory sessions, QueryPlanner planner, QueryRunner runner, SeriesQueryService series)
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
        var planned = await planner.PlanAsync(args with
        {
            Pattern = QueryPatterns.TopK,
            GroupBy = groupLabel is null ? null : [groupLabel],
            K = k + 1,
            OrderBy = by == TopBy.Max ? "max" : "avg",
            MaxRows = k + 1,
        }, session, ct);
        var plan = planned.Plan;
        var warnings = new List<string>(planned.Warnings);
        var notes = new List<string>(planned.Notes);
        var isCounter = plan.Metric.Kind == "counter";
        if (isCounter && groupLabel is not null)
        {
            throw new ToolError("group_by_not_supported",
                $"{plan.Metric.Name} is a counter: summing raw counter values per {groupLabel} means nothing.",
                next: $"Rank without group_by (counters rank by their rate over the window), or use query_run {{\"pattern_name\": \"counter_rate\", \"metric_name\": \"{plan.Metric.Name}\", \"group_by\": [\"{groupLabel}\"]}}.");
        }
        if (isCounter && by == TopBy.Max)
        {
            notes.Add($"{plan.Metric.Name} is a counter: ranked by its average rate over the window (the largest raw value only says which series ran longest).");
            by = TopBy.Avg;
            plan = plan with { OrderBy = "avg" };
        }
        if (!plan.Window.Overlaps(plan.Bundle))
        {
            return new Ranking(plan, planned.AliasUsed, plan.GroupBy.FirstOrDefault(), by, [], false, warnings, notes, EmptyResult.OutsideBundle(plan));
        }

        var label = groupLabel is null ? null : plan.GroupBy[0];
        var query = label is null ? PatternSql.Render(plan) : GroupSumSql.Ranking(plan, label, by == TopBy.Max, k + 1);
        var rows = await runner.RunAsync(session, query, k + 1, ct);
        var valueIndex = Index(rows, "value");
        var maxIndex = Index(rows, "max_value");
        var samplesIndex = Index(rows, "samples");
        var labelColumns = rows.Columns.Select((c, i) => (c, i)).Where(x => x.i != valueIndex && x.i != maxIndex && x.i != samplesIndex).ToArray();
        var entries = rows.Rows.Take(k).Select((r, i) => new Entry(i + 1,
            labelColumns.ToDictionary(x => x.c, x => r[x.i]?.ToString(), StringComparer.Ordinal),
            r[valueIndex] as double?, r[maxIndex] as double?, Convert.ToInt64(r[samplesIndex] ?? 0L, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var empty = entries.Count == 0 ? await EmptyResult.ExplainAsync(plan, session, runner, ct) : null;
        return new Ranking(plan, planned.AliasUsed, label, by, entries, rows.Rows.Count > k || rows.Truncated, warnings, notes, empty);
    }

    /// <summary>The time series of the ranked entries, in rank order (entries with no series in the window are skipped).</summary>
    public async Task<(IReadOnlyList<(Entry Entry, Series Series)> Series, int StepSeconds, bool StepAutomatic, string Pattern)> SeriesAsync(
        Ranking ranking, QueryArguments args, CancellationToken ct)
    {
        if (ranking.Top.Count == 0) return ([], ranking.Plan.StepSeconds, ranking.Plan.StepAutomatic, ranking.Plan.Pattern.Name);
        if (ranking.GroupLabel is { } label)
        {
            await using var session = await sessions.OpenAsync(ct);
            var planned = await planner.PlanAsync(args with { Pattern = QueryPatterns.TimeseriesSum, GroupBy = [label] }, session, ct);
            var plan = planned.Plan;
            var groups = ranking.Top.Select(e => e.Labels[label]!).ToList();
            var points = (int)Math.Ceiling(plan.Window.Span.TotalSeconds / plan.StepSeconds) + 2;
            var rows = await runner.RunAsync(session, GroupSumSql.Series(plan, label, groups, groups.Count * points + 1), groups.Count * points, ct);
            var byGroup = rows.Rows.GroupBy(r => r[2]?.ToString()).ToDictionary(g => g.Key ?? "", g => g.ToList());
            var result = new List<(Entry, Series)>();
            foreach (var e in ranking.Top)
            {
                if (!byGroup.TryGetValue(e.Labels[label] ?? "", out var list)) continue;
                result.Add((e, new Series(e.Labels, list.Select(r => new SeriesPoint((DateTimeOffset)r[0]!, r[1] as double?)).ToList())));
            }
            return (result, plan.StepSeconds, plan.StepAutomatic, "group_sum_avg");
        }

        // Narrow the series query with every label whose top values are all known; NULL labels cannot be bound as
        // filter values, so those are matched below instead.
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var name in ranking.Top[0].Labels.Keys)
        {
            var values = ranking.Top.Select(e => e.Labels.GetValueOrDefault(name)).ToList();
            if (values.All(v => v is not null)) filters[name] = values.Distinct().ToList()!;
        }
        var existing = args.Filters is { } f && f.ValueKind == JsonValueKind.Object ? f : (JsonElement?)null;
        var merged = Merge(existing, filters);
        var fetched = await series.RunAsync(args with { Pattern = null, Filters = QueryArguments.Json(merged), GroupBy = null },
            Math.Min(1000, ranking.Top.Count * 8), ct);
        var byKey = fetched.Series.GroupBy(s => TopN.LabelKey(s.Labels)).ToDictionary(g => g.Key, g => g.First());
        var matched = new List<(Entry, Series)>();
        foreach (var e in ranking.Top)
        {
            if (byKey.TryGetValue(TopN.LabelKey(e.Labels), out var s)) matched.Add((e, s));
        }
        return (matched, fetched.StepSeconds, fetched.StepAutomatic, fetched.Pattern);
    }

    /// <summary>The caller's filters (already validated by the planner) with the top values added; both must hold.</summary>
    static Dictionary<string, IReadOnlyList<string>> Merge(JsonElement? existing, Dictionary<string, IReadOnlyList<string>> top)
    {
        var merged = new Dictionary<string, IReadOnlyList<string>>(top, StringComparer.Ordinal);
        if (Legacy.SeriesFetch.Filters(existing) is { } given)
        {
            foreach (var (label, values) in given)
            {
                var key = label.Trim().ToLowerInvariant();
                merged[key] = merged.TryGetValue(key, out var t) ? t.Intersect(values, StringComparer.Ordinal).ToList() : values;
            }
        }
        return merged;
    }

    static int Index(QueryRows rows, string name)
    {
        for (var i = 0; i < rows.Columns.Count; i++) if (rows.Columns[i] == name) return i;
        throw new InvalidOperationException($"Ranking has no {name} column.");
    }
}
