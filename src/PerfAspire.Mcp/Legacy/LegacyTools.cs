using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Docs.Client;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Legacy;

/// <summary>
/// The legacy adapter tools: the old tool names and response shapes, served from the catalog and
/// the shared query layer. New clients should prefer schema_* / query_*; these keep old clients working.
/// </summary>
[McpServerToolType]
public sealed class LegacyTools(
    MetricCatalog catalog,
    BundleScope bundles,
    ReadOnlySessionFactory sessions,
    QueryRunner runner,
    LabelValuesService labelValues,
    SeriesQueryService series,
    IDocsBackend docs,
    ILogger<LegacyTools> logger)
{
    const int MaxLabelValues = 1000;

    /// <summary>label_values without a metric pages through the union of every table's values down to this depth.</summary>
    const int MaxUnionDepth = 20_000;

    /// <summary>metrics_list pages: the whole catalog (about 1,100 names) in two default pages, under the answer budget each.</summary>
    const int MetricNamesPage = 600;
    const int MaxMetricNamesPage = 1000;

    [McpServerTool(Name = "metrics_list", Title = "List metric names (legacy)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Legacy: metric names by category or prefix, paged. For kinds and units use schema_list_metrics; for one metric metric_metadata.")]
    public Task<CallToolResult> MetricsList(
        [Description("metric_category or record group.")] string? category = null,
        [Description("Name prefix, e.g. disk_.")] string? prefix = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "metrics_list", async () =>
        {
            var warnings = new List<string>();
            var reachable = await ProbeAsync(ct);
            var snapshot = await catalog.GetAsync(ct);
            if (!reachable || catalog.Warning is "timescale_unavailable") warnings.Add("timescale_unavailable");
            else if (catalog.Warning is { } w) warnings.Add(w);
            IEnumerable<CatalogMetric> metrics = snapshot.Metrics;
            if (!string.IsNullOrWhiteSpace(category))
            {
                var c = category.Trim();
                var matching = metrics.Where(m => string.Equals(m.Category, c, StringComparison.OrdinalIgnoreCase)
                                                  || string.Equals(m.RecordGroup, c, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matching.Count == 0)
                {
                    var known = snapshot.Metrics.Select(m => m.Category).Where(x => x.Length > 0).Distinct().Order().ToList();
                    throw new ToolError("category_not_found", $"No metrics in category '{Text.Clip(c)}'. Categories: {string.Join(", ", known)}.",
                        ClosestNames.Find(c, known, 3), "Use one of the listed categories, or omit category.");
                }
                metrics = matching;
            }
            if (!string.IsNullOrWhiteSpace(prefix))
            {
                var p = prefix.Trim().ToLowerInvariant();
                metrics = metrics.Where(m => m.Name.StartsWith(p, StringComparison.Ordinal));
            }
            var page = ListPage.Of(ListPage.Scope("metrics_list", category, prefix), metrics.Select(m => m.Name).ToList(), cursor, limit, MetricNamesPage, MaxMetricNamesPage);
            return new ToolAnswer(new
            {
                metrics = page.Items,
                count = page.Items.Count,
                total = page.Total,
                truncated = page.Truncated,
                next_cursor = page.NextCursor,
                source = snapshot.Source,
                warnings,
            });
        }, e => With(AnswerResponse.EmptyFields(e), ("metrics", Array.Empty<string>()), ("count", 0)),
        string.IsNullOrWhiteSpace(prefix) ? string.IsNullOrWhiteSpace(category) ? "*" : SafeName(category) : SafeName(prefix) + "*");

    [McpServerTool(Name = "metric_metadata", Title = "Metric metadata (legacy)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Legacy: metadata and docs of one metric, and present: whether the bundle has samples of it. Accepts aliases; next query_range.")]
    public Task<CallToolResult> MetricMetadata(
        [Description("Metric name or alias.")] string metric,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "metric_metadata", async () =>
        {
            var (_, m, alias) = await catalog.ResolveAsync(metric, ct);
            var warnings = new List<string>();
            if (catalog.Warning is { } cw) warnings.Add(cw);
            var docTask = DocAsync(m.DocId, ct);

            bool? present = null;
            string? bundleId = null;
            try
            {
                await using var session = await sessions.OpenAsync(ct);
                var bundle = await bundles.ResolveAsync(session, bundle_id, ct);
                bundleId = bundle.BundleId;
                present = await runner.ScalarAsync<bool>(session, ProbeSql.AnyInBundle(sessions.Schema, m, bundle.BundleId), ct);
            }
            catch (ToolError e) when (e.Code == BundleScope.NoActiveBundle)
            {
                warnings.Add(e.Code);
            }
            catch (Exception e) when (e is not ToolError && DatabaseErrors.Describe(e) is { Code: "timescale_unavailable" })
            {
                if (!warnings.Contains("timescale_unavailable")) warnings.Add("timescale_unavailable");
            }

            var (doc, docWarning) = await docTask;
            if (docWarning is not null) warnings.Add(docWarning);
            return new ToolAnswer(new
            {
                metric = m.Name,
                resolved_from_alias = alias,
                metric_kind = m.KindName,
                unit = m.Unit,
                description = m.Description,
                base_table = m.Table,
                column_name = m.Column,
                record_group = m.RecordGroup,
                metric_category = m.Category,
                labels = m.Labels,
                aliases = m.Aliases,
                present,
                bundle_id = bundleId,
                doc_id = m.DocId,
                doc,
                warnings,
            });
        }, e => With(AnswerResponse.EmptyFields(e), ("metric", metric), ("present", null)), SafeName(metric));

    [McpServerTool(Name = "label_values", Title = "Label values (legacy)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Legacy: values of a label in a bundle, for one metric or every table with it. Use it to pick filters; next query_range.")]
    public Task<CallToolResult> LabelValues(
        [Description("Label name, e.g. device.")] string label,
        [Description("Only this metric.")] string? metric = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "label_values", async () =>
        {
            var n = ListPage.Limit(limit, 200, MaxLabelValues);
            var scope = ListPage.Scope("label_values", label, metric, bundle_id);
            if (string.Equals((label ?? "").Trim(), "host", StringComparison.OrdinalIgnoreCase))
            {
                // Every row of a bundle carries the bundle's host (a common column, not a local label): no scan needed.
                ListPage.Start(scope, cursor, null, 0);
                string? name = null;
                if (!string.IsNullOrWhiteSpace(metric)) name = (await catalog.ResolveAsync(metric, ct)).Metric.Name;
                var bundle = await bundles.ResolveAsync(bundle_id, ct);
                return new ToolAnswer(new { label = "host", values = new[] { bundle.Host }, metric = name, bundle_id = bundle.BundleId, count = 1, truncated = false, warnings = Array.Empty<string>() });
            }
            if (!string.IsNullOrWhiteSpace(metric))
            {
                var from = ListPage.Start(scope, cursor, null, 10_000_000);
                var page = await labelValues.GetAsync(metric, label, bundle_id, n, from, ct);
                return new ToolAnswer(new
                {
                    label = page.Label,
                    values = page.Values,
                    metric = page.Metric.Name,
                    bundle_id = page.Bundle.BundleId,
                    count = page.Values.Count,
                    truncated = page.Truncated,
                    next_cursor = ListPage.Next(scope, from, page.Values.Count, page.Truncated),
                    empty_reason = page.Empty?.Reason,
                    explanation = page.Empty?.Explanation,
                    warnings = Array.Empty<string>(),
                });
            }

            var snapshot = await catalog.GetAsync(ct);
            var wanted = (label ?? "").Trim().ToLowerInvariant();
            // One metric per table is enough: every metric of a table shares its label columns.
            var carriers = snapshot.Metrics
                .Where(m => m.Labels.Contains(wanted))
                .GroupBy(m => m.Table)
                .Select(g => g.First())
                .ToList();
            if (carriers.Count == 0)
            {
                var known = snapshot.Metrics.SelectMany(m => m.Labels).Append("host").Distinct().Order().ToList();
                throw new ToolError("label_not_found", $"No metric has a label '{Text.Clip(label ?? "")}'. Labels: {string.Join(", ", known)}.",
                    ClosestNames.Find(label ?? "", known, 3), "Use one of the listed labels, or give metric to see its labels.");
            }
            // The union of every table's first (start + n) values, sorted, holds this page: a table's values past
            // them sort after its own (start + n)th, so after the page. Deep pages cost more; they stop at MaxUnionDepth.
            var start = ListPage.Start(scope, cursor, null, MaxUnionDepth);
            var values = new SortedSet<string>(StringComparer.Ordinal);
            var more = false;
            string? bundleId = null;
            foreach (var m in carriers)
            {
                var page = await labelValues.GetAsync(m.Name, wanted, bundle_id, start + n, 0, ct);
                bundleId = page.Bundle.BundleId;
                values.UnionWith(page.Values);
                more |= page.Truncated;
            }
            var list = values.Skip(start).Take(n).ToList();
            more |= values.Count > start + n;
            var next = more && start + n < MaxUnionDepth ? ListPage.Next(scope, start, list.Count, true) : null;
            return new ToolAnswer(new
            {
                label = wanted,
                values = list,
                tables = carriers.Select(m => m.Table).Order().ToList(),
                bundle_id = bundleId,
                count = list.Count,
                truncated = more,
                next_cursor = next,
                warnings = Array.Empty<string>(),
            });
        }, e => With(AnswerResponse.EmptyFields(e), ("label", label), ("values", Array.Empty<string>())),
        string.IsNullOrWhiteSpace(metric) ? "*" : SafeName(metric));

    [McpServerTool(Name = "query_range", Title = "Range query (legacy)", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Legacy range query of one metric: series per step (the kind's default aggregation). truncated/downsampled say what was cut.")]
    public Task<CallToolResult> QueryRange(
        [Description(MetricSelector.Help)] string metric,
        [Description(TimeArgument.Help)] JsonElement? start = null,
        [Description(TimeArgument.Help)] JsonElement? end = null,
        [Description(StepArgument.Help)] JsonElement? step = null,
        [Description("Step in ms.")] double? step_ms = null,
        [Description("Start, epoch ms.")] double? start_ms = null,
        [Description("End, epoch ms.")] double? end_ms = null,
        [Description(Query.LabelFilters.Help)] JsonElement? filters = null,
        [Description(Bundles.BundleScope.Help)] string? bundle_id = null,
        [Description("Pattern; default by kind.")] string? pattern = null,
        [Description("Max series (1-100, default 20).")] int? max_series = null,
        CancellationToken ct = default) =>
        AnswerResponse.RunAsync(logger, "query_range", async () =>
        {
            var selector = MetricSelector.Parse(metric);
            var maxSeries = max_series ?? 20;
            if (maxSeries is < 1 or > 100) throw new ToolError("invalid_argument", "max_series must be between 1 and 100.");
            var result = await SeriesFetch.RunAsync(series, selector, SeriesFetch.Filters(filters), bundle_id,
                EpochMs(start, start_ms, "start"), EpochMs(end, end_ms, "end"),
                StepArgument.Seconds(step, step_ms), pattern, maxSeries, ct);
            var body = RangeBody(result);
            return new ToolAnswer(body);
        }, e => With(AnswerResponse.EmptyFields(e), ("series", Array.Empty<object>()), ("expression", SafeName(metric))));

    /// <summary>Samples a shown series keeps at least when the budget is tight (fewer series are shown instead).</summary>
    const int MinSamplesPerSeries = 20;

    /// <summary>
    /// The query_range body for one metric's result within the budget. Two knobs: the samples (downsampled to fit),
    /// then — when the labels of many series alone pass the budget (100 TOP threads) — how many series are shown,
    /// each keeping at least <see cref="MinSamplesPerSeries"/> points; the answer then says truncated and series_shown.
    /// </summary>
    internal static Dictionary<string, object?> RangeBody(SeriesResult result)
    {
        var samples = result.Series.Select(LegacyShapes.ToSamples).ToArray();
        Dictionary<string, object?> Build(int shown) => ResponseBudget.Fit(max => RangeBody(result, samples[..shown], max),
            SampleBudget.MaxSamples, Math.Min(shown * MinSamplesPerSeries, SampleBudget.MaxSamples)).Body;
        var body = Build(samples.Length);
        return samples.Length > 1 && AnswerResponse.Size(body) > ResponseBudget.TargetChars
            ? ResponseBudget.Fit(Build, samples.Length, 1).Body
            : body;
    }

    static Dictionary<string, object?> RangeBody(SeriesResult result, IReadOnlyList<Sample>[] samples, int maxSamples)
    {
        var fitted = SampleBudget.Fit(samples, result.StepSeconds, Analysis.Downsampling.For(result.Pattern), result.Window.OriginMs, maxSamples);
        var legacy = samples.Select((_, i) => LegacyShapes.Series(result.Metric, result.Bundle, result.Series[i].Labels, fitted.Series[i])).ToList();
        var cut = samples.Length < result.Series.Count;
        var warnings = new List<string>(result.Warnings);
        if (result.Truncated || cut) warnings.Add("series_truncated");
        if (fitted.Downsampled) warnings.Add("downsampled");
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["series"] = legacy,
            ["expression"] = result.Metric,
            ["warnings"] = warnings,
            ["resolved_from_alias"] = result.AliasUsed,
            ["unit"] = result.Unit,
            ["metric_kind"] = result.Kind,
            ["pattern"] = result.Pattern,
            ["bundle_id"] = result.Bundle.BundleId,
            ["start"] = Values.Iso(result.Window.Start),
            ["end"] = Values.Iso(result.Window.End),
            ["step_seconds"] = fitted.StepSeconds,
            ["step_chosen"] = fitted.Downsampled ? "downsampled_for_budget" : result.StepAutomatic ? "automatic" : "requested",
            ["series_count"] = legacy.Count,
            ["sample_count"] = legacy.Sum(s => s.Samples.Count),
            ["truncated"] = result.Truncated || cut,
        };
        if (cut) body["series_shown"] = legacy.Count;
        if (fitted.Downsampled) body["query_step_seconds"] = result.StepSeconds;
        if (result.Notes.Count > 0) body["notes"] = result.Notes;
        if (result.Empty is { } empty)
        {
            body["empty_reason"] = empty.Reason;
            body["explanation"] = empty.Explanation;
            body["next"] = empty.Next;
        }
        else if (cut)
        {
            body["next"] = $"The first {legacy.Count} of {result.Series.Count} series fit the answer: ask max_series={legacy.Count}, add filters (metric{{label=\"value\"}}), or use top_n / graph_topk for the busiest.";
        }
        else if (result.Truncated)
        {
            body["next"] = "More series exist: add filters (metric{label=\"value\"}) or raise max_series.";
        }
        return body;
    }

    /// <summary>The metric's doc from the docs service (body clipped for the budget), or the reason it is missing.</summary>
    async Task<(object? Doc, string? Warning)> DocAsync(string id, CancellationToken ct)
    {
        try
        {
            var d = await docs.GetDocAsync(id, ct);
            return (new
            {
                id = d.Id ?? id,
                title = d.Title,
                summary = d.Summary,
                body = d.Body is { Length: > 6000 } ? d.Body[..6000] + "…" : d.Body,
                related = d.Related?.ToList(),
            }, null);
        }
        catch (DocsUnavailableException)
        {
            return (null, "docs_unavailable");
        }
        catch (DocsApiException e)
        {
            return (null, e.Error.Error == "doc_not_found" ? "doc_not_found" : "docs_error:" + e.Error.Error);
        }
    }

    async Task<bool> ProbeAsync(CancellationToken ct)
    {
        try
        {
            await using var session = await sessions.OpenAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException && DatabaseErrors.Describe(e) is { Code: "timescale_unavailable" })
        {
            return false;
        }
    }

    /// <summary>The legacy <c>start_ms</c>/<c>end_ms</c> as the time argument they stand for; both forms at once is ambiguous.</summary>
    static JsonElement? EpochMs(JsonElement? iso, double? ms, string argument)
    {
        if (ms is not { } v) return iso;
        if (iso is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            throw new ToolError("invalid_argument", $"Give {argument} or {argument}_ms, not both.");
        }
        if (!double.IsFinite(v) || v < 0) throw new ToolError("invalid_time", $"{argument}_ms must be epoch milliseconds, e.g. 1751118720000.");
        return JsonSerializer.SerializeToElement(v);
    }

    static string SafeName(string? metric) => Text.Clip((metric ?? "").Trim());

    static Dictionary<string, object?> With(Dictionary<string, object?> d, params (string Key, object? Value)[] extra)
    {
        foreach (var (k, v) in extra) d[k] = v;
        return d;
    }
}
