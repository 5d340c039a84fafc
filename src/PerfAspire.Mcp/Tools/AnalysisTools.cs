using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Charts;
using PerfAspire.Mcp.Insights;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>
/// Analysis beyond the basic tool families — the questions engineers ask of a slow period: who is on top, what changed between two
/// windows, what moves together, where the outliers are. Each bounded by the response budget.
/// </summary>
[McpServerToolType]
public sealed class AnalysisTools(
    SeriesQueryService series, ReadOnlySessionFactory sessions, QueryRunner runner,
    MetricCatalog catalog, BundleScope bundles, TopSeries top, ChartRenderGate charts, ILogger<AnalysisTools> logger)
{
    readonly WindowComparison windows = new(sessions, catalog, bundles, runner);

    const int MaxCorrelated = 8;

    [McpServerTool(Name = "top_n", Title = "Top N series of a metric", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Ranks the series of a metric by avg or max over a window and returns the top n (threads by CPU, disks by busy). Next: graph_topk to chart them.")]
    public Task<CallToolResult> TopNTool(
        [Description(MetricSelector.Help)] string metric,
        [Description("How many (1-50).")] int? n = null,
        [Description("avg (default) or max.")] string? by = null,
        [Description("Label to sum by, e.g. exec.")] string? group_by = null,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(Query.LabelFilters.Help)] JsonElement? filters = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "top_n", async () =>
        {
            var args = TopSeries.Arguments(metric, filters, bundle_id, start, end, null);
            var ranking = await top.RankAsync(args, Text.Blank(group_by), TopSeries.ParseBy(by), n ?? 10, ct);
            return new ToolAnswer(TopSeries.Body(ranking, "top_n"));
        }, e => With(AnswerResponse.EmptyFields(e), ("ranking", Array.Empty<object>())));

    [McpServerTool(Name = "compare_windows", Title = "What changed between two windows", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("What changed when it got slow: ranks every series by effect size (Cohen d) between window A (normal) and B (slow). Next: graph_compare on the top ones.")]
    public Task<CallToolResult> CompareWindows(
        [Description("Baseline window: [start, end] or {start, end}.")] JsonElement window_a,
        [Description("Window to explain, same form.")] JsonElement window_b,
        [Description("metric_category or record group.")] string? category = null,
        [Description("Changes to return (1-100).")] int? limit = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "compare_windows", async () =>
        {
            var max = limit ?? 25;
            if (max is < 1 or > 100) throw new ToolError("invalid_argument", "limit must be between 1 and 100.");
            var (aStart, aEnd) = Window(window_a, "window_a");
            var (bStart, bEnd) = Window(window_b, "window_b");
            var r = await windows.CompareAsync(aStart, aEnd, bStart, bEnd, bundle_id, category, ct);

            var changed = r.Changes.Where(c => c.Change.Status == "changed")
                .OrderByDescending(c => c.Change.Score)
                .ThenByDescending(c => Math.Abs(c.Change.RelativeChange ?? 0))
                .ThenBy(c => c.Metric.Name, StringComparer.Ordinal)
                .ThenBy(c => TopN.LabelKey(c.Labels), StringComparer.Ordinal)
                .ToList();
            var byMetric = r.Changes.GroupBy(c => c.Metric.Name)
                .Select(g => new
                {
                    metric = g.Key,
                    unit = g.First().Metric.Unit,
                    series = g.Count(),
                    changed_series = g.Count(c => c.Change.Status == "changed"),
                    max_score = Values.Round(g.Max(c => c.Change.Score)),
                })
                .Where(m => m.changed_series > 0)
                .OrderByDescending(m => m.max_score).ThenBy(m => m.metric, StringComparer.Ordinal)
                .Take(20).ToList();
            var onlyA = r.Changes.Where(c => c.Change.Status == "only_in_a").ToList();
            var onlyB = r.Changes.Where(c => c.Change.Status == "only_in_b").ToList();

            var fittedBody = ResponseBudget.Fit(shown =>
            {
                var body = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["bundle_id"] = r.Bundle.BundleId,
                    ["window_a"] = new { start = Values.Iso(r.A.Start), end = Values.Iso(r.A.End) },
                    ["window_b"] = new { start = Values.Iso(r.B.Start), end = Values.Iso(r.B.End) },
                    ["category"] = Text.Blank(category),
                    ["changes"] = changed.Take(shown).Select((c, i) => new
                    {
                        rank = i + 1,
                        metric = c.Metric.Name,
                        labels = c.Labels.Count == 0 ? null : c.Labels,
                        unit = c.Metric.Unit,
                        direction = c.Change.Delta > 0 ? "up" : "down",
                        mean_a = Values.Round(c.Change.A.Mean),
                        mean_b = Values.Round(c.Change.B.Mean),
                        sd_a = Values.Round(c.Change.A.StdDev),
                        sd_b = Values.Round(c.Change.B.StdDev),
                        n_a = c.Change.A.Count,
                        n_b = c.Change.B.Count,
                        relative_change = c.Change.RelativeChange is { } rc ? Values.Round(rc) : (double?)null,
                        cohen_d = c.Change.CohenD is { } d ? Values.Round(d) : (double?)null,
                        score = Values.Round(c.Change.Score),
                    }).ToList(),
                    ["changed_count"] = changed.Count,
                    ["truncated"] = changed.Count > shown,
                    ["by_metric"] = byMetric,
                    ["only_in_a"] = new { count = onlyA.Count, examples = onlyA.Take(5).Select(c => Example(c)).ToList() },
                    ["only_in_b"] = new { count = onlyB.Count, examples = onlyB.Take(5).Select(c => Example(c)).ToList() },
                    ["series_compared"] = r.Changes.Count,
                    ["tables_scanned"] = r.Tables,
                    ["tables_compared"] = r.TablesCompared,
                    ["partial"] = r.Partial,
                    ["tables_timed_out"] = r.TimedOut.Count == 0 ? null : r.TimedOut,
                    ["tables_with_data"] = r.TablesWithData,
                    ["method"] = "Per series: count, mean, sample SD in each window (counters: per-second rate between consecutive samples). Cohen's d = (mean_b - mean_a) / pooled SD; score = |d| capped at 1000 (a change of a series constant in both windows scores 1000); |d| < 0.2 counts as unchanged.",
                    ["warnings"] = r.Warnings,
                };
                if (r.Notes.Count > 0) body["notes"] = r.Notes;
                body["next"] = r.Partial
                    ? $"Partial: the call deadline stopped the scan after {r.TablesCompared} of {r.Tables} tables. Call again with category (one of the remaining tables' categories) or shorter windows."
                    : r.TimedOut.Count > 0 && changed.Count == 0
                    ? $"{string.Join(", ", r.TimedOut)} passed the statement timeout: compare it alone with category and shorter windows."
                    : changed.Count == 0
                    ? "Nothing changed measurably: check the windows (the bundle's range is in support_active_context), or widen them."
                    : changed.Count > shown
                        ? $"{changed.Count - shown} more changes are not shown (response budget / limit): narrow with category to see them."
                        : $"Look at the top metrics over both windows: graph_compare {{\"primary\": \"{changed[0].Metric.Name}\", ...}} or graph_timeseries.";
                return body;
            }, max, 5);
            var body = fittedBody.Body;
            var lead = changed.FirstOrDefault();
            var summary = lead is null
                ? $"compare_windows: {r.Changes.Count} series compared, none changed measurably."
                : $"compare_windows: {changed.Count} of {r.Changes.Count} series changed; biggest: {LegacyShapes.DisplayName(lead.Metric.Name, lead.Labels)} {Summaries.Number(lead.Change.A.Mean)} → {Summaries.Number(lead.Change.B.Mean)} {lead.Metric.Unit} (score {Summaries.Number(lead.Change.Score)}).";
            if (r.Partial) summary += $" Partial: {r.TablesCompared} of {r.Tables} tables compared before the call deadline.";
            if (r.TimedOut.Count > 0) summary += $" Not compared (statement timeout): {string.Join(", ", r.TimedOut)}.";
            return new ToolAnswer(body, summary);
        }, e => With(AnswerResponse.EmptyFields(e), ("changes", Array.Empty<object>())));

    [McpServerTool(Name = "correlate_metrics", Title = "Correlate metrics (with lag)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Pearson correlation of every pair of 2-8 metrics with a lag search, and a chart. Use it to test whether signals move together.")]
    public Task<CallToolResult> Correlate(
        [Description("2-8 metric names or selectors.")] JsonElement metrics,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Largest lag in steps (0-60).")] int? max_lag_steps = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description(ChartSize.Help)] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "correlate_metrics", async () =>
        {
            var selectors = MetricList.Parse(metrics, "metrics", MaxCorrelated);
            if (selectors.Count < 2) throw new ToolError("invalid_argument", "correlate_metrics needs at least two metrics.");
            var maxLag = max_lag_steps ?? 10;
            if (maxLag is < 0 or > 60) throw new ToolError("invalid_argument", "max_lag_steps must be between 0 and 60.");
            var (w, h) = ChartSize.Read(width, height);
            var stepSeconds = StepArgument.Seconds(step, null);
            var warnings = new List<string>();
            var named = new List<(string Name, string Unit, IReadOnlyList<Sample> Samples)>();
            SeriesResult? first = null;
            foreach (var sel in selectors)
            {
                var r = await SeriesFetch.RunAsync(series, sel, null, bundle_id, start, end, first?.StepSeconds ?? stepSeconds, null, 200, ct);
                first ??= r;
                warnings.AddRange(r.Warnings.Where(x => !warnings.Contains(x)));
                var name = sel.Filters.Count == 0 ? r.Metric : LegacyShapes.DisplayName(r.Metric, sel.Filters.ToDictionary(kv => kv.Key, kv => (string?)string.Join("|", kv.Value)));
                if (r.Series.Count > 1) warnings.Add($"averaged:{name}:{r.Series.Count}_series");
                if (r.Truncated) warnings.Add($"series_truncated:{name}");
                named.Add((name, r.Unit, MeanAcross(r.Series)));
            }
            var stepMs = first!.StepSeconds * 1000L;
            var pairs = new List<(int A, int B, Correlation.Result R)>();
            for (var i = 0; i < named.Count; i++)
                for (var j = i + 1; j < named.Count; j++)
                    pairs.Add((i, j, Correlation.WithLagSearch(named[i].Samples, named[j].Samples, stepMs, maxLag)));
            var ordered = pairs.OrderByDescending(p => Math.Abs(p.R.Best.R ?? 0)).ThenBy(p => p.A).ThenBy(p => p.B).ToList();

            var lines = named.Select(n => ZScore(n.Name, n.Samples)).ToList();
            var png = await charts.RenderAsync(() => TimeSeriesChart.RenderPng(new TimeSeriesChartSpec(
                Clip("Standardised series (z-scores): " + string.Join(", ", named.Select(n => n.Name)), 90), "standard deviations from the mean", lines,
                StartMs: first.Window.Start.ToUnixTimeMilliseconds(), EndMs: first.Window.End.ToUnixTimeMilliseconds(), Width: w, Height: h)), ct);

            var body = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["metrics"] = named.Select(n => new { name = n.Name, unit = n.Unit, samples = n.Samples.Count }).ToList(),
                ["bundle_id"] = first.Bundle.BundleId,
                ["start"] = Values.Iso(first.Window.Start),
                ["end"] = Values.Iso(first.Window.End),
                ["step_seconds"] = first.StepSeconds,
                ["max_lag_steps"] = maxLag,
                ["pairs"] = ordered.Select(p => new
                {
                    a = named[p.A].Name,
                    b = named[p.B].Name,
                    r = Round(p.R.AtZero.R),
                    pairs = p.R.AtZero.Pairs,
                    best_lag_steps = p.R.Best.LagSteps,
                    best_lag_seconds = p.R.Best.LagMs / 1000,
                    best_r = Round(p.R.Best.R),
                    best_pairs = p.R.Best.Pairs,
                    reading = Reading(named[p.A].Name, named[p.B].Name, p.R, first.StepSeconds),
                }).ToList(),
                ["method"] = "Pearson r on equal time buckets; lag k pairs a(t) with b(t + k*step); the best lag maximises |r| (ties: smallest |k|). Fewer than 5 pairs or a constant series give r = null.",
                ["warnings"] = warnings,
                ["chart"] = ChartSize.Describe(w, h, lines.Count, lines.Count),
            };
            var lead = ordered[0];
            var summary = $"correlate_metrics: {named.Count} metrics, {Summaries.Window(first.Window)}, step {Summaries.Step(first.StepSeconds)}; strongest: {Reading(named[lead.A].Name, named[lead.B].Name, lead.R, first.StepSeconds)}";
            return new ToolAnswer(body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("pairs", Array.Empty<object>())));

    [McpServerTool(Name = "find_anomalies", Title = "Find spikes and level shifts", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Finds spikes and level shifts in a metric (median, MAD), with times and a chart. Use it to find when trouble started; next compare_windows.")]
    public Task<CallToolResult> FindAnomalies(
        [Description(MetricSelector.Help)] string metric,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Spike threshold, robust SDs (2-20).")] double? threshold = null,
        [Description("Series (1-20, default 5).")] int? max_series = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description(ChartSize.Help)] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "find_anomalies", async () =>
        {
            var t = threshold ?? 3.5;
            if (!(t >= 2 && t <= 20)) throw new ToolError("invalid_argument", "threshold must be between 2 and 20.");
            var maxSeries = max_series ?? 5;
            if (maxSeries is < 1 or > 20) throw new ToolError("invalid_argument", "max_series must be between 1 and 20.");
            var (w, h) = ChartSize.Read(width, height);
            var r = await SeriesFetch.RunAsync(series, MetricSelector.Parse(metric), null, bundle_id, start, end, StepArgument.Seconds(step, null), null, 200, ct);
            var options = new AnomalyDetection.Options(SpikeThreshold: t, MaxResults: 10);
            var reports = r.Series.Select(s => (Series: s, Samples: LegacyShapes.ToSamples(s)))
                .Select(x => (x.Series, x.Samples, Report: AnomalyDetection.Detect(x.Samples, options)))
                .OrderByDescending(x => x.Report.Spikes.Select(s => Math.Abs(s.Score)).Concat(x.Report.Shifts.Select(s => Math.Abs(s.Score))).DefaultIfEmpty(0).Max())
                .ThenBy(x => TopN.LabelKey(x.Series.Labels), StringComparer.Ordinal)
                .ToList();
            var shown = reports.Take(maxSeries).ToList();
            var warnings = new List<string>(r.Warnings);
            if (r.Truncated) warnings.Add("series_truncated");

            var lines = shown.Select(x => new ChartLine(LegacyShapes.DisplayName(r.Metric, x.Series.Labels), x.Samples.Select(s => s.TsMs).ToArray(), x.Samples.Select(s => s.Value).ToArray())).ToList();
            var spikes = shown.SelectMany(x => x.Report.Spikes).OrderBy(s => s.TsMs).ToList();
            var shifts = shown.SelectMany(x => x.Report.Shifts).OrderBy(s => s.TsMs).ToList();
            var markers = new List<ChartLine>();
            if (spikes.Count > 0) markers.Add(new ChartLine("spikes", spikes.Select(s => s.TsMs).ToArray(), spikes.Select(s => s.Value).ToArray()));
            if (shifts.Count > 0) markers.Add(new ChartLine("level shifts (new level)", shifts.Select(s => s.TsMs).ToArray(), shifts.Select(s => s.After).ToArray()));
            var png = await charts.RenderAsync(() => TimeSeriesChart.RenderPng(new TimeSeriesChartSpec($"{r.Metric}: spikes and level shifts", r.Unit.Length == 0 ? "value" : r.Unit, lines,
                StartMs: r.Window.Start.ToUnixTimeMilliseconds(), EndMs: r.Window.End.ToUnixTimeMilliseconds(), Width: w, Height: h,
                MaxLegendEntries: LegendSelection.DefaultMaxEntries - markers.Count, Markers: markers)), ct);

            // The knob: events listed per series (the strongest first), shrunk until the answer fits the budget.
            var body = ResponseBudget.Fit(perSeries =>
            {
                var body = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["metric"] = r.Metric,
                    ["resolved_from_alias"] = r.AliasUsed,
                    ["unit"] = r.Unit,
                    ["bundle_id"] = r.Bundle.BundleId,
                    ["start"] = Values.Iso(r.Window.Start),
                    ["end"] = Values.Iso(r.Window.End),
                    ["step_seconds"] = r.StepSeconds,
                    ["threshold"] = t,
                    ["series"] = shown.Select(x => new
                    {
                        labels = x.Series.Labels.Count == 0 ? null : x.Series.Labels,
                        samples = x.Report.Samples,
                        median = Values.Round(x.Report.Median),
                        mad = Values.Round(x.Report.Mad),
                        noise_sigma = Values.Round(x.Report.Sigma),
                        spikes = Strongest(x.Report.Spikes, s => s.Score, s => s.TsMs, perSeries).Select(s => new { ts = s.TsMs, time = Values.Iso(DateTimeOffset.FromUnixTimeMilliseconds(s.TsMs)), value = Values.Round(s.Value), baseline = Values.Round(s.Baseline), score = Values.Round(s.Score) }).ToList(),
                        spikes_truncated = x.Report.SpikesTruncated || x.Report.Spikes.Count > perSeries,
                        level_shifts = Strongest(x.Report.Shifts, s => s.Score, s => s.TsMs, perSeries).Select(s => new { ts = s.TsMs, time = Values.Iso(DateTimeOffset.FromUnixTimeMilliseconds(s.TsMs)), before = Values.Round(s.Before), after = Values.Round(s.After), score = Values.Round(s.Score) }).ToList(),
                        level_shifts_truncated = x.Report.ShiftsTruncated || x.Report.Shifts.Count > perSeries,
                        note = x.Report.Note,
                    }).ToList(),
                    ["series_analysed"] = reports.Count,
                    ["series_with_anomalies"] = reports.Count(x => x.Report.Spikes.Count + x.Report.Shifts.Count > 0),
                    ["truncated"] = reports.Count > shown.Count || r.Truncated,
                    ["method"] = "Spike: |x - rolling median (11 samples)| / sigma >= threshold, sigma = 1.4826 x MAD of the residuals (1.2533 x mean abs. deviation when MAD = 0). Level shift: median of the next w samples - median of the previous w (w = n/20, 4..30) >= 5 sigma, placed where the difference of the window means peaks.",
                    ["warnings"] = warnings,
                    ["chart"] = ChartSize.Describe(w, h, lines.Count, Math.Min(lines.Count, LegendSelection.DefaultMaxEntries)),
                };
                if (r.Empty is { } empty)
                {
                    body["empty_reason"] = empty.Reason;
                    body["explanation"] = empty.Explanation;
                    body["next"] = empty.Next;
                }
                return body;
            }, options.MaxResults, 1).Body;
            var totalSpikes = reports.Sum(x => x.Report.Spikes.Count);
            var totalShifts = reports.Sum(x => x.Report.Shifts.Count);
            var firstEvent = reports.SelectMany(x => x.Report.Spikes.Select(s => s.TsMs).Concat(x.Report.Shifts.Select(s => s.TsMs))).DefaultIfEmpty(-1).Min();
            var summary = $"find_anomalies: {r.Metric}, {reports.Count} series, {Summaries.Window(r.Window)}: {totalSpikes} spikes, {totalShifts} level shifts"
                + (firstEvent >= 0 ? $"; first at {DateTimeOffset.FromUnixTimeMilliseconds(firstEvent).UtcDateTime:yyyy-MM-dd HH:mm} UTC." : ".");
            return new ToolAnswer(body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("series", Array.Empty<object>())));

    static (JsonElement? Start, JsonElement? End) Window(JsonElement w, string argument)
    {
        if (w.ValueKind == JsonValueKind.Object)
        {
            JsonElement? s = w.TryGetProperty("start", out var a) ? a : null;
            JsonElement? e = w.TryGetProperty("end", out var b) ? b : null;
            return (s, e);
        }
        if (w.ValueKind == JsonValueKind.Array && w.GetArrayLength() == 2) return (w[0], w[1]);
        throw new ToolError("invalid_window", $"{argument} must be {{\"start\": ..., \"end\": ...}} or [start, end].",
            next: "e.g. {\"start\": \"2025-06-28T13:00:00Z\", \"end\": \"2025-06-28T14:00:00Z\"}.");
    }

    /// <summary>One series per metric: the mean over its series at each timestamp.</summary>
    static IReadOnlyList<Sample> MeanAcross(IReadOnlyList<Series> list)
    {
        if (list.Count == 1) return LegacyShapes.ToSamples(list[0]);
        return list.SelectMany(LegacyShapes.ToSamples).GroupBy(s => s.TsMs).OrderBy(g => g.Key)
            .Select(g => new Sample(g.Key, g.Average(s => s.Value))).ToList();
    }

    static ChartLine ZScore(string name, IReadOnlyList<Sample> samples)
    {
        var stats = WindowStats.Of(samples.Select(s => s.Value).ToArray());
        var sd = stats.StdDev > 0 ? stats.StdDev : 1;
        return new ChartLine(name, samples.Select(s => s.TsMs).ToArray(), samples.Select(s => (s.Value - stats.Mean) / sd).ToArray());
    }

    static string Reading(string a, string b, Correlation.Result r, int stepSeconds)
    {
        if (r.Best.R is not { } best) return $"{a} / {b}: not enough overlapping, varying samples for a correlation.";
        var strength = Math.Abs(best) switch { >= 0.8 => "strong", >= 0.5 => "moderate", >= 0.3 => "weak", _ => "no clear" };
        var sign = best >= 0 ? "positive" : "negative";
        var lag = r.Best.LagSteps == 0 ? "at the same time"
            : r.Best.LagSteps > 0 ? $"{b} follows {a} by {r.Best.LagSteps} step(s) ({Summaries.Step(r.Best.LagSteps * stepSeconds)})"
            : $"{a} follows {b} by {-r.Best.LagSteps} step(s) ({Summaries.Step(-r.Best.LagSteps * stepSeconds)})";
        return $"{a} / {b}: {strength} {sign} correlation, r = {best.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} {lag}.";
    }

    /// <summary>The n events with the largest |score|, back in time order.</summary>
    static IEnumerable<T> Strongest<T>(IReadOnlyList<T> events, Func<T, double> score, Func<T, long> ts, int n) =>
        events.Count <= n ? events : events.OrderByDescending(e => Math.Abs(score(e))).Take(n).OrderBy(ts);

    static double? Round(double? v) => v is { } x ? Values.Round(x) : null;

    static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    static object Example(WindowComparison.SeriesChange c) => new { metric = c.Metric.Name, labels = c.Labels.Count == 0 ? null : c.Labels };

    static Dictionary<string, object?> With(Dictionary<string, object?> d, params (string Key, object? Value)[] extra)
    {
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }
}
