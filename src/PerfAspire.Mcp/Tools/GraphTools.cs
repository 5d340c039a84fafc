using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Charts;
using PerfAspire.Mcp.Insights;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>
/// Chart tools: each answers with a one-line summary, the data (structured content and JSON text, in the legacy
/// series shape where one exists) and a PNG chart as image content. Data are fitted into the response budget; the
/// chart keeps the full query resolution.
/// </summary>
[McpServerToolType]
public sealed class GraphTools(
    SeriesQueryService series, TopSeries top, ChartRenderGate charts, ILogger<GraphTools> logger)
{
    readonly LatencyHistogram histograms = new(series);

    const int MaxMetrics = 8;
    const int MaxSeriesTotal = 40;
    const int MaxPercentilePoints = 250;

    [McpServerTool(Name = "graph_timeseries", Title = "Chart metrics over time", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Charts up to 8 metrics over time (PNG) with their series. Use it to look at a period; graph_compare overlays scales, graph_topk picks the busiest.")]
    public Task<CallToolResult> Timeseries(
        [Description("1-8 metric names or selectors.")] JsonElement metrics,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Step in ms.")] double? step_ms = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description("Series per metric (1-20).")] int? max_series_per_metric = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description(ChartSize.Help)] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "graph_timeseries", async () =>
        {
            var selectors = MetricList.Parse(metrics, "metrics", MaxMetrics);
            var perMetric = max_series_per_metric ?? 10;
            if (perMetric is < 1 or > 20) throw new ToolError("invalid_argument", "max_series_per_metric must be between 1 and 20.");
            var (w, h) = ChartSize.Read(width, height);
            var stepSeconds = StepArgument.Seconds(step, step_ms);

            var results = new List<SeriesResult>();
            var warnings = new List<string>();
            var perMetricInfo = new List<object>();
            var closest = new List<string>();
            foreach (var selector in selectors)
            {
                try
                {
                    var r = await SeriesFetch.RunAsync(series, selector, null, bundle_id, start, end, stepSeconds, null, perMetric, ct);
                    results.Add(r);
                    warnings.AddRange(r.Warnings);
                    if (r.Truncated) warnings.Add("series_truncated:" + r.Metric);
                    perMetricInfo.Add(MetricInfo(selector, r));
                }
                catch (ToolError e) when (e.Code == "metric_not_found")
                {
                    warnings.Add("metric_not_found:" + selector.Metric);
                    perMetricInfo.Add(new { requested = selector.Metric, error = e.Code, closest = e.Closest });
                    closest.AddRange(e.Closest ?? []);
                }
            }
            if (results.Count == 0)
            {
                throw new ToolError("metric_not_found", $"None of the metrics exist: {string.Join(", ", selectors.Select(s => s.Metric))}.",
                    closest.Count > 0 ? [.. closest.Distinct().Take(5)] : null, "Call metrics_list or docs_search_metrics for the names.");
            }

            var first = results[0];
            var all = results.SelectMany(r => r.Series.Select(s => (Result: r, Series: s))).Take(MaxSeriesTotal).ToList();
            var samples = all.Select(x => LegacyShapes.ToSamples(x.Series)).ToArray();

            var lines = all.Select((x, i) => new ChartLine(LegacyShapes.DisplayName(x.Result.Metric, x.Series.Labels),
                samples[i].Select(s => s.TsMs).ToArray(), samples[i].Select(s => s.Value).ToArray())).ToList();
            var units = results.Select(r => r.Unit).Where(u => u.Length > 0).Distinct().ToList();
            var title = Clip(string.Join(", ", results.Select(r => r.Metric)), 90);
            var spec = new TimeSeriesChartSpec(title, units.Count == 0 ? "value" : string.Join(" / ", units), lines,
                StartMs: first.Window.Start.ToUnixTimeMilliseconds(), EndMs: first.Window.End.ToUnixTimeMilliseconds(), Width: w, Height: h);
            var png = await charts.RenderAsync(() => TimeSeriesChart.RenderPng(spec), ct);
            var legend = LegendSelection.Choose(lines, LegendRank.Mean);

            var budgeted = ResponseBudget.Fit(max =>
            {
                var fitted = SampleBudget.Fit(samples, first.StepSeconds, Downsampling.For(first.Pattern), first.Window.OriginMs, max);
                return new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["series"] = all.Select((x, i) => LegacyShapes.Series(x.Result.Metric, x.Result.Bundle, x.Series.Labels, fitted.Series[i])).ToList(),
                    ["expressions"] = results.Select(r => r.Metric).ToList(),
                    ["warnings"] = fitted.Downsampled ? [.. warnings, "downsampled"] : warnings,
                    ["per_metric"] = perMetricInfo,
                    ["bundle_id"] = first.Bundle.BundleId,
                    ["start"] = Values.Iso(first.Window.Start),
                    ["end"] = Values.Iso(first.Window.End),
                    ["step_seconds"] = fitted.StepSeconds,
                    ["chart_step_seconds"] = first.StepSeconds,
                    ["sample_count"] = fitted.Series.Sum(s => s.Count),
                    ["truncated"] = results.Any(r => r.Truncated) || all.Count < results.Sum(r => r.Series.Count),
                    ["chart"] = ChartSize.Describe(w, h, lines.Count, legend.Featured.Count + (legend.Rest.Count > 0 ? 1 : 0)),
                };
            }, SampleBudget.MaxSamples, all.Count);
            var body = budgeted.Body;
            var highest = lines.Select((l, i) => (l, max: l.Values.DefaultIfEmpty(double.NaN).Max())).Where(x => double.IsFinite(x.max)).OrderByDescending(x => x.max).FirstOrDefault();
            var summary = $"graph_timeseries: {string.Join(", ", results.Select(r => $"{r.Metric} ({r.Series.Count} series)"))}, {Summaries.Window(first.Window)}, step {Summaries.Step(first.StepSeconds)}"
                + (highest.l is null ? "; no data in this window." : $"; highest: {highest.l.Name} max {Summaries.Number(highest.max)} {UnitOf(results, highest.l.Name)}.");
            return new ToolAnswer(body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("series", Array.Empty<object>()), ("expressions", RawNames(metrics))),
        string.Join(", ", RawNames(metrics)));

    [McpServerTool(Name = "graph_compare", Title = "Compare metrics on one chart", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Overlays comparator metrics on a primary one (PNG, series), scaled to it. Use it to see whether metrics with different units move together.")]
    public Task<CallToolResult> Compare(
        [Description(MetricSelector.Help)] string primary,
        [Description("1-7 metric names or selectors.")] JsonElement comparators,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Step in ms.")] double? step_ms = null,
        [Description("Scale to primary (default true).")] bool? normalize = null,
        [Description("max (default) or first.")] string? mode = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description(ChartSize.Help)] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "graph_compare", async () =>
        {
            var p = MetricSelector.Parse(primary, "primary");
            var others = MetricList.Parse(comparators, "comparators", MaxMetrics - 1);
            var normalizeMode = ParseMode(mode);
            var doNormalize = normalize ?? true;
            var (w, h) = ChartSize.Read(width, height);
            var stepSeconds = StepArgument.Seconds(step, step_ms);

            var primaryResult = await SeriesFetch.RunAsync(series, p, null, bundle_id, start, end, stepSeconds, null, 10, ct);
            var warnings = new List<string>(primaryResult.Warnings);
            var comparatorResults = new List<SeriesResult>();
            foreach (var c in others)
            {
                try
                {
                    var r = await SeriesFetch.RunAsync(series, c, null, bundle_id, start, end, primaryResult.StepSeconds, null, 10, ct);
                    comparatorResults.Add(r);
                    warnings.AddRange(r.Warnings.Where(x => !warnings.Contains(x)));
                }
                catch (ToolError e) when (e.Code == "metric_not_found")
                {
                    warnings.Add("metric_not_found:" + c.Metric);
                }
            }

            var primarySamples = primaryResult.Series.Select(LegacyShapes.ToSamples).ToList();
            var comparatorSeries = comparatorResults.SelectMany(r => r.Series.Select(s => (Result: r, Series: s, Samples: LegacyShapes.ToSamples(s)))).ToList();
            Normalization.Result? normalized = null;
            if (doNormalize)
            {
                normalized = Normalization.Normalize(primarySamples.FirstOrDefault() ?? [],
                    comparatorSeries.Select(x => (LegacyShapes.DisplayName(x.Result.Metric, x.Series.Labels), x.Samples)).ToList(), normalizeMode);
                warnings.AddRange(normalized.Warnings);
            }
            var scaled = comparatorSeries.Select((x, i) => normalized?.Comparators[i].Samples ?? x.Samples).ToList();

            // Chart at query resolution; data fitted to the budget.
            var lines = new List<ChartLine>();
            for (var i = 0; i < primaryResult.Series.Count; i++)
            {
                lines.Add(Line(LegacyShapes.DisplayName(primaryResult.Metric, primaryResult.Series[i].Labels), primarySamples[i]));
            }
            for (var i = 0; i < comparatorSeries.Count; i++)
            {
                var name = LegacyShapes.DisplayName(comparatorSeries[i].Result.Metric, comparatorSeries[i].Series.Labels);
                if (normalized?.Comparators[i].Factor is { } f) name += $" ×{Summaries.Number(f)}";
                lines.Add(Line(name, scaled[i]));
            }
            var allSamples = primarySamples.Concat(scaled).ToArray();

            var unit = primaryResult.Unit.Length == 0 ? "value" : primaryResult.Unit;
            var png = await charts.RenderAsync(() => TimeSeriesChart.RenderPng(new TimeSeriesChartSpec(
                Clip($"{primaryResult.Metric} vs {string.Join(", ", comparatorResults.Select(r => r.Metric))}", 90),
                doNormalize ? $"{unit} (comparators scaled to {primaryResult.Metric})" : unit, lines,
                StartMs: primaryResult.Window.Start.ToUnixTimeMilliseconds(), EndMs: primaryResult.Window.End.ToUnixTimeMilliseconds(), Width: w, Height: h,
                PinnedLines: Math.Min(1, primaryResult.Series.Count))), ct);

            // Two knobs: the samples, then — when the labels of many series alone pass the budget — how many
            // comparator series carry samples (the primary's always do; the chart keeps every line).
            Dictionary<string, object?> Build(int shownComparators, int max)
            {
                var shownCount = primaryResult.Series.Count + shownComparators;
                var fitted = SampleBudget.Fit(allSamples[..shownCount], primaryResult.StepSeconds, Downsampling.For(primaryResult.Pattern), primaryResult.Window.OriginMs, max);
                var seriesOut = new List<object>();
                for (var i = 0; i < primaryResult.Series.Count; i++)
                {
                    seriesOut.Add(LegacyShapes.Series(primaryResult.Metric, primaryResult.Bundle, primaryResult.Series[i].Labels, fitted.Series[i]));
                }
                var factors = new List<object>();
                for (var i = 0; i < shownComparators; i++)
                {
                    var (r, s, _) = comparatorSeries[i];
                    var legacy = LegacyShapes.Series(r.Metric, r.Bundle, s.Labels, fitted.Series[primaryResult.Series.Count + i]);
                    var scaling = normalized?.Comparators[i];
                    seriesOut.Add(new { legacy.Metric, legacy.Samples, normalization_factor = scaling?.Factor is { } f ? Values.Round(f) : (double?)null });
                    if (scaling is not null)
                    {
                        factors.Add(new
                        {
                            series = scaling.Name,
                            expression = r.Metric,
                            labels = s.Labels,
                            baseline = scaling.Baseline is { } b ? Values.Round(b) : (double?)null,
                            factor = scaling.Factor is { } f2 ? Values.Round(f2) : (double?)null,
                            applied = scaling.Factor is not null,
                        });
                    }
                }
                var body = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["series"] = seriesOut,
                    ["expression"] = primaryResult.Metric,
                    ["expressions"] = new[] { primaryResult.Metric }.Concat(comparatorResults.Select(r => r.Metric)).ToList(),
                    ["warnings"] = fitted.Downsampled ? [.. warnings, "downsampled"] : warnings,
                    ["normalization"] = doNormalize
                        ? new
                        {
                            enabled = true,
                            mode = (string?)(normalizeMode == NormalizeMode.Max ? "max" : "first"),
                            baseline_series = primaryResult.Series.Count > 0 ? LegacyShapes.DisplayName(primaryResult.Metric, primaryResult.Series[0].Labels) : null,
                            primary_baseline = normalized!.PrimaryBaseline is { } pb ? Values.Round(pb) : (double?)null,
                            factors,
                        }
                        : new { enabled = false, mode = (string?)null, baseline_series = (string?)null, primary_baseline = (double?)null, factors },
                    ["unit"] = primaryResult.Unit,
                    ["bundle_id"] = primaryResult.Bundle.BundleId,
                    ["start"] = Values.Iso(primaryResult.Window.Start),
                    ["end"] = Values.Iso(primaryResult.Window.End),
                    ["step_seconds"] = fitted.StepSeconds,
                    ["chart_step_seconds"] = primaryResult.StepSeconds,
                    ["chart"] = ChartSize.Describe(w, h, lines.Count, Math.Min(lines.Count, LegendSelection.DefaultMaxEntries)),
                };
                if (primaryResult.Empty is { } empty)
                {
                    body["empty_reason"] = empty.Reason;
                    body["explanation"] = empty.Explanation;
                }
                if (shownComparators < comparatorSeries.Count)
                {
                    body["truncated"] = true;
                    body["series_shown"] = shownCount;
                    body["next"] = $"series holds {shownCount} of {allSamples.Length} series (the chart has all): fewer comparators, or selectors with label filters.";
                }
                return body;
            }
            var budgeted = ResponseBudget.Fit(max => Build(comparatorSeries.Count, max), SampleBudget.MaxSamples, allSamples.Length);
            if (AnswerResponse.Size(budgeted.Body) > ResponseBudget.TargetChars && comparatorSeries.Count > 0)
            {
                var left = ResponseBudget.TargetChars - AnswerResponse.Size(Build(0, SampleBudget.MaxSamples));
                budgeted = ResponseBudget.Fit(shown => Build(shown, Math.Max((primaryResult.Series.Count + shown) * 20, Math.Min((left - shown * 450) / 36, SampleBudget.MaxSamples))),
                    comparatorSeries.Count - 1, 0);
            }
            var applied = normalized?.Comparators.Where(c => c.Factor is not null).Select(c => $"{c.Name} ×{Summaries.Number(c.Factor!.Value)}").ToList() ?? [];
            var summary = $"graph_compare: {primaryResult.Metric} vs {string.Join(", ", comparatorResults.Select(r => r.Metric))}, {Summaries.Window(primaryResult.Window)}"
                + (doNormalize ? (applied.Count > 0 ? $"; scaled ({(normalizeMode == NormalizeMode.Max ? "max" : "first")}): {Clip(string.Join(", ", applied), 200)}." : "; nothing could be scaled (see warnings).") : "; not normalised.");
            return new ToolAnswer(budgeted.Body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("series", Array.Empty<object>()), ("expression", Text.Clip(primary ?? ""))));

    [McpServerTool(Name = "graph_topk", Title = "Chart the top K series", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Charts the k series of a metric with the highest avg or max (PNG, ranking, series). Use it to see who was busy; top_n ranks only.")]
    public Task<CallToolResult> TopK(
        [Description(MetricSelector.Help)] string metric,
        [Description("How many (1-50).")] int? k = null,
        [Description("avg (default) or max.")] string? by = null,
        [Description("Label to sum by, e.g. exec.")] string? group_by = null,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description(Query.LabelFilters.Help)] JsonElement? filters = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description(ChartSize.Help)] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "graph_topk", async () =>
        {
            var (w, h) = ChartSize.Read(width, height);
            var args = TopSeries.Arguments(metric, filters, bundle_id, start, end, StepArgument.Seconds(step, null));
            var ranking = await top.RankAsync(args, Text.Blank(group_by), TopSeries.ParseBy(by), k ?? 10, ct);
            var (ranked, stepSeconds, pattern) = await top.SeriesAsync(ranking, args, ct);
            var plan = ranking.Plan;
            var samples = ranked.Select(x => LegacyShapes.ToSamples(x.Series)).ToArray();

            var lines = ranked.Select((x, i) => new ChartLine($"#{x.Entry.Rank} {LabelText(x.Entry.Labels)}",
                samples[i].Select(s => s.TsMs).ToArray(), samples[i].Select(s => s.Value).ToArray())).ToList();
            var what = ranking.GroupLabel is { } g ? $"sum per {g}" : "per series";
            var png = await charts.RenderAsync(() => TimeSeriesChart.RenderPng(new TimeSeriesChartSpec(
                $"Top {ranking.Top.Count} {plan.Metric.Name} by {(ranking.By == TopBy.Max ? "max" : "avg")} ({what})",
                plan.Metric.Unit is { Length: > 0 } u ? u : "value", lines, ranking.By == TopBy.Max ? LegendRank.Max : LegendRank.Mean,
                plan.Window.Start.ToUnixTimeMilliseconds(), plan.Window.End.ToUnixTimeMilliseconds(), w, h)), ct);

            var combine = pattern == "group_sum_avg" ? Combine.Mean : Downsampling.For(pattern);
            // Two knobs: the samples (downsampled to fit), then — when the labels of many series alone pass the
            // budget (k = 50 threads) — how many of the ranked series carry samples; the ranking and the chart keep all k.
            Dictionary<string, object?> Build(int shown, int maxSamples)
            {
                var fitted = SampleBudget.Fit(samples[..shown], stepSeconds, combine, plan.Window.OriginMs, maxSamples);
                var body = TopSeries.Body(ranking, "graph_topk");
                body["series"] = ranked.Take(shown).Select((x, i) => LegacyShapes.Series(plan.Metric.Name, plan.Bundle, x.Entry.Labels, fitted.Series[i])).ToList();
                body["step_seconds"] = fitted.StepSeconds;
                body["chart_step_seconds"] = stepSeconds;
                body["chart"] = ChartSize.Describe(w, h, lines.Count, Math.Min(lines.Count, LegendSelection.DefaultMaxEntries));
                body["warnings"] = fitted.Downsampled ? [.. ranking.Warnings, "downsampled"] : ranking.Warnings;
                if (shown < ranked.Count)
                {
                    body["truncated"] = true;
                    body["series_shown"] = shown;
                    body["next"] = $"series holds the samples of the top {shown} of {ranked.Count} (ranking and chart have all): lower k, or query_range with a series' labels as filters.";
                }
                return body;
            }
            var body = ResponseBudget.Fit(max => Build(samples.Length, max), SampleBudget.MaxSamples, samples.Length).Body;
            if (AnswerResponse.Size(body) > ResponseBudget.TargetChars && samples.Length > 1)
            {
                // The samples get what the ranking leaves (~36 characters a sample, ~350 for a series' labels), at
                // least ~20 points a series: a series of one point says nothing.
                var left = ResponseBudget.TargetChars - AnswerResponse.Size(Build(0, SampleBudget.MaxSamples));
                body = ResponseBudget.Fit(shown => Build(shown, Math.Max(shown * 20, Math.Min((left - shown * 350) / 36, SampleBudget.MaxSamples))), samples.Length - 1, 1).Body;
            }
            var lead = ranking.Top.FirstOrDefault();
            var summary = lead is null
                ? $"graph_topk: no {plan.Metric.Name} data in {Summaries.Window(plan.Window)}."
                : $"graph_topk: top {ranking.Top.Count} {plan.Metric.Name} ({what}) by {(ranking.By == TopBy.Max ? "max" : "avg")}, {Summaries.Window(plan.Window)}; #1 {LabelText(lead.Labels)} avg {Summaries.Number(lead.Avg ?? double.NaN)} max {Summaries.Number(lead.Max ?? double.NaN)} {plan.Metric.Unit}.";
            return new ToolAnswer(body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("ranking", Array.Empty<object>()), ("series", Array.Empty<object>())), Text.Clip((metric ?? "").Trim()));

    [McpServerTool(Name = "graph_latency_histogram", Title = "DB latency histogram over time", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Charts a DB latency histogram (dbwr, dbwa, dbrd) over time: ops/s per latency bucket and p50/p95/p99. Use it when the database is suspected.")]
    public Task<CallToolResult> LatencyHistogramTool(
        [Description("dbwr, dbwa or dbrd.")] string histogram,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Step in ms.")] double? step_ms = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ChartSize.Help)] int? width = null,
        [Description("Chart px (default 760).")] int? height = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "graph_latency_histogram", async () =>
        {
            var (w, h) = ChartSize.Read(width, height, 760);
            var r = await histograms.LoadAsync(histogram, bundle_id, start, end, StepArgument.Seconds(step, step_ms), ct);
            var warnings = new List<string>(r.Ops.Warnings);
            warnings.AddRange(r.Latency.Warnings.Where(x => !warnings.Contains(x)));

            var percentiles = r.Steps.Select(s => (s.TsMs, Ops: s.Operations / r.StepSeconds,
                P50: HistogramPercentiles.Estimate(s.Buckets, 0.50), P95: HistogramPercentiles.Estimate(s.Buckets, 0.95), P99: HistogramPercentiles.Estimate(s.Buckets, 0.99))).ToList();
            var allBuckets = HistogramPercentiles.Merge(r.Steps.SelectMany(s => s.Buckets));
            var typical = percentiles.Select(p => p.P50 ?? double.NaN).Where(double.IsFinite).DefaultIfEmpty(1e-3).Average();
            var (unit, factor) = Durations.UnitFor(typical);

            var opsLines = r.BucketSeries.Select(b => new ChartLine(
                $"bucket {b.Bucket} ({Durations.Format(HistogramPercentiles.LowerBoundSeconds(b.Bucket))}–{Durations.Format(HistogramPercentiles.UpperBoundSeconds(b.Bucket))})",
                b.OpsPerSec.Select(s => s.TsMs).ToArray(), b.OpsPerSec.Select(s => s.Value).ToArray())).ToList();
            var ts = percentiles.Select(p => p.TsMs).ToArray();
            var pLines = new List<ChartLine>
            {
                new("p50", ts, percentiles.Select(p => (p.P50 ?? double.NaN) * factor).ToArray()),
                new("p95", ts, percentiles.Select(p => (p.P95 ?? double.NaN) * factor).ToArray()),
                new("p99", ts, percentiles.Select(p => (p.P99 ?? double.NaN) * factor).ToArray()),
            };
            var startMs = r.Ops.Window.Start.ToUnixTimeMilliseconds();
            var endMs = r.Ops.Window.End.ToUnixTimeMilliseconds();
            var name = r.Histogram.ToUpperInvariant();
            var png = await charts.RenderAsync(() => StackedChart.RenderPng(
            [
                (new TimeSeriesChartSpec($"{name} operations per second by latency bucket", "ops/s", opsLines, StartMs: startMs, EndMs: endMs, Width: w), 0.55),
                (new TimeSeriesChartSpec($"{name} estimated latency percentiles (log scale)", unit, pLines, StartMs: startMs, EndMs: endMs, Width: w, LogScaleY: true), 0.45),
            ], w, h), ct);

            // Percentiles per step, merged into coarser steps when they would not fit the budget.
            var windowSeconds = Math.Max(1, r.Steps.Count * r.StepSeconds);
            var body = ResponseBudget.Fit(maxPoints =>
            {
                var steps = r.Steps;
                var stepSeconds = r.StepSeconds;
                var coarse = steps.Count > maxPoints;
                if (coarse)
                {
                    stepSeconds = SampleBudget.Nice((long)Math.Ceiling(r.StepSeconds * (double)steps.Count / maxPoints));
                    steps = LatencyHistogram.Coarsen(steps, stepSeconds * 1000L, r.Ops.Window.OriginMs);
                }
                var body = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["histogram"] = r.Histogram,
                    ["metrics"] = new { count = r.Ops.Metric, avg_latency = r.Latency.Metric },
                    ["bundle_id"] = r.Ops.Bundle.BundleId,
                    ["start"] = Values.Iso(r.Ops.Window.Start),
                    ["end"] = Values.Iso(r.Ops.Window.End),
                    ["overall"] = new
                    {
                        operations = Values.Round(allBuckets.Sum(b => b.Count)),
                        p50_seconds = Round(HistogramPercentiles.Estimate(allBuckets, 0.50)),
                        p95_seconds = Round(HistogramPercentiles.Estimate(allBuckets, 0.95)),
                        p99_seconds = Round(HistogramPercentiles.Estimate(allBuckets, 0.99)),
                    },
                    ["buckets"] = allBuckets.Select(b => new
                    {
                        bucket = b.Index,
                        lower_seconds = Values.Round(HistogramPercentiles.LowerBoundSeconds(b.Index)),
                        upper_seconds = Values.Round(HistogramPercentiles.UpperBoundSeconds(b.Index)),
                        operations = Values.Round(b.Count),
                        ops_per_sec = Values.Round(b.Count / windowSeconds),
                        avg_latency_seconds = Values.Round(b.AvgSeconds),
                    }).ToList(),
                    ["step_seconds"] = stepSeconds,
                    ["chart_step_seconds"] = r.StepSeconds,
                    ["percentiles"] = steps.Select(s => new
                    {
                        ts = s.TsMs,
                        ops_per_sec = Values.Round(s.Operations / stepSeconds),
                        p50_seconds = Round(HistogramPercentiles.Estimate(s.Buckets, 0.50)),
                        p95_seconds = Round(HistogramPercentiles.Estimate(s.Buckets, 0.95)),
                        p99_seconds = Round(HistogramPercentiles.Estimate(s.Buckets, 0.99)),
                    }).ToList(),
                    ["method"] = "Bucket b holds latencies in [2^(b-1), 2^b) ns. Per step, operations = ops/s x step; the quantile's rank q*N falls in the first bucket (by index) whose cumulative count reaches it; inside that bucket the operations are taken as uniform on [avg-w, avg+w], w = min(avg-lower, upper-avg) (mean-preserving), a single operation sits at the average.",
                    ["warnings"] = coarse ? [.. warnings, "downsampled"] : warnings,
                    ["chart"] = ChartSize.Describe(w, h, opsLines.Count + 3, Math.Min(opsLines.Count, LegendSelection.DefaultMaxEntries) + 3),
                };
                if (r.Ops.Empty is { } empty)
                {
                    body["empty_reason"] = empty.Reason;
                    body["explanation"] = empty.Explanation;
                    body["next"] = empty.Next;
                }
                return body;
            }, MaxPercentilePoints, 10).Body;
            var p99Max = percentiles.Where(p => p.P99 is not null).OrderByDescending(p => p.P99).FirstOrDefault();
            var summary = allBuckets.Count == 0
                ? $"graph_latency_histogram: no {name} operations in {Summaries.Window(r.Ops.Window)}."
                : $"graph_latency_histogram: {name} {Summaries.Number(allBuckets.Sum(b => b.Count))} operations, {Summaries.Window(r.Ops.Window)}; overall p50 {Durations.Format(HistogramPercentiles.Estimate(allBuckets, 0.5)!.Value)}, p95 {Durations.Format(HistogramPercentiles.Estimate(allBuckets, 0.95)!.Value)}, p99 {Durations.Format(HistogramPercentiles.Estimate(allBuckets, 0.99)!.Value)}; worst p99 {Durations.Format(p99Max.P99!.Value)} at {DateTimeOffset.FromUnixTimeMilliseconds(p99Max.TsMs).UtcDateTime:HH:mm} UTC.";
            return new ToolAnswer(body, summary, png);
        }, e => With(AnswerResponse.EmptyFields(e), ("histogram", Text.Clip(histogram ?? "")), ("percentiles", Array.Empty<object>())), Text.Clip((histogram ?? "").Trim()));

    static NormalizeMode ParseMode(string? mode) => (mode ?? "max").Trim().ToLowerInvariant() switch
    {
        "max" or "" => NormalizeMode.Max,
        "first" => NormalizeMode.First,
        _ => throw new ToolError("invalid_argument", $"mode must be 'max' or 'first', not '{Text.Clip(mode ?? "")}'."),
    };

    static object MetricInfo(MetricSelector selector, SeriesResult r) => new
    {
        requested = selector.Metric,
        expression = r.Metric,
        resolved_from_alias = r.AliasUsed,
        unit = r.Unit,
        metric_kind = r.Kind,
        pattern = r.Pattern,
        series_count = r.Series.Count,
        truncated = r.Truncated,
        empty_reason = r.Empty?.Reason,
        explanation = r.Empty?.Explanation,
    };

    static ChartLine Line(string name, IReadOnlyList<Sample> samples) =>
        new(name, samples.Select(s => s.TsMs).ToArray(), samples.Select(s => s.Value).ToArray());

    static string LabelText(IReadOnlyDictionary<string, string?> labels) =>
        string.Join(" ", labels.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={kv.Value}"));

    static string UnitOf(List<SeriesResult> results, string lineName) =>
        results.FirstOrDefault(r => lineName.StartsWith(r.Metric, StringComparison.Ordinal))?.Unit ?? "";

    static double? Round(double? v) => v is { } x ? Values.Round(x) : null;

    static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    static IReadOnlyList<string> RawNames(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? Text.Clip(v.GetString() ?? "") : "")]
        : value.ValueKind == JsonValueKind.String ? [Text.Clip(value.GetString() ?? "")] : [];

    static Dictionary<string, object?> With(Dictionary<string, object?> d, params (string Key, object? Value)[] extra)
    {
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }
}
