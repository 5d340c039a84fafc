using System.Globalization;
using Microsoft.Extensions.Options;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Validates query arguments against the catalog and the bundle and turns them into a <see cref="QueryPlan"/>:
/// pattern, metric (aliases resolved), bundle scope, window, step, filters, series labels, limits.
/// Anything the model got wrong is a <see cref="ToolError"/> naming the valid choices.
/// </summary>
public sealed class QueryPlanner(MetricCatalog catalog, BundleScope bundles, IOptions<QueryOptions> options)
{
    public sealed record Planned(QueryPlan Plan, CatalogSnapshot Catalog, string? AliasUsed, List<string> Warnings, List<string> Notes);

    public async Task<Planned> PlanAsync(QueryArguments args, ReadOnlySession? session, CancellationToken ct)
    {
        var o = options.Value;
        var warnings = new List<string>();
        var notes = new List<string>();

        QueryPattern? pattern = null;
        if (!string.IsNullOrWhiteSpace(args.Pattern))
        {
            pattern = QueryPatterns.Find(args.Pattern) ?? throw new ToolError("pattern_not_found",
                $"No query pattern '{Text.Clip(args.Pattern.Trim())}'.",
                ClosestNames.Find(args.Pattern, QueryPatterns.All.Select(p => p.Name), 3),
                $"Use one of: {string.Join(", ", QueryPatterns.All.Select(p => p.Name))} (query_get_patterns describes them).");
        }

        var (snapshot, metric, alias) = await catalog.ResolveAsync(args.Metric, ct);
        if (alias is not null) notes.Add($"'{alias}' is an alias of {metric.Name}.");
        pattern ??= QueryPatterns.Find(QueryPatterns.DefaultFor(metric.Kind))!;

        CatalogMetric? histCount = null, histAvg = null;
        if (pattern.Name is QueryPatterns.HistogramLatencyPercentile or QueryPatterns.HistogramOpsPerSec)
        {
            (histCount, histAvg) = HistogramPair(snapshot, metric, pattern);
            if (pattern.Name == QueryPatterns.HistogramOpsPerSec && metric != histCount)
            {
                notes.Add($"histogram_ops_per_sec counts operations, so it reads {histCount!.Name}.");
                metric = histCount!;
            }
        }
        else if (!pattern.Kinds.Contains(metric.Kind))
        {
            warnings.Add(pattern.Name == QueryPatterns.CounterRate
                ? $"pattern_kind_mismatch: {metric.Name} is a {metric.Kind}, not a counter; counter_rate differentiates it anyway."
                : metric.Kind == "counter"
                    ? $"pattern_kind_mismatch: {metric.Name} is a counter (cumulative since process start); counter_rate gives its per-second rate."
                    : $"pattern_kind_mismatch: {pattern.Name} is meant for {string.Join("/", pattern.Kinds)} metrics; {metric.Name} is a {metric.Kind}.");
        }

        var bundle = session is null ? await bundles.ResolveAsync(args.BundleId, ct) : await bundles.ResolveAsync(session, args.BundleId, ct);
        var window = QueryWindow.Resolve(args.Start, args.End, bundle, notes);
        var step = StepChooser.Choose(window.Span, args.StepSeconds, bundle.SampleIntervalSeconds, o.MaxPointsPerSeries);
        if (step.Warning is not null) warnings.Add(step.Warning);

        var filters = LabelFilter.Parse(args.Filters, metric);
        var groupBy = GroupBy(args.GroupBy, metric, pattern, warnings);

        var k = args.K ?? 10;
        if (k is < 1 or > 1000) throw new ToolError("invalid_argument", "k must be between 1 and 1000.");
        var quantile = args.Quantile ?? 0.99;
        if (quantile is > 1 and <= 100)
        {
            notes.Add($"quantile {quantile.ToString(CultureInfo.InvariantCulture)} was read as a percentage ({(quantile / 100).ToString(CultureInfo.InvariantCulture)}).");
            quantile /= 100;
        }
        if (double.IsNaN(quantile) || quantile is <= 0 or > 1) throw new ToolError("invalid_argument", "quantile must be in (0, 1], e.g. 0.95 or 0.99.");
        var orderBy = (args.OrderBy ?? "avg").Trim().ToLowerInvariant();
        if (orderBy is not ("avg" or "max")) throw new ToolError("invalid_argument", "order_by must be 'avg' or 'max'.");
        var maxRows = args.MaxRows ?? o.DefaultMaxRows;
        if (maxRows < 1 || maxRows > o.HardMaxRows) throw new ToolError("invalid_argument", $"max_rows must be between 1 and {o.HardMaxRows}.");

        var plan = new QueryPlan(pattern, o.Schema, metric, bundle, window, step.StepSeconds, step.Automatic,
            filters, groupBy, k, quantile, orderBy, maxRows + 1, histCount, histAvg);
        return new Planned(plan, snapshot, alias, warnings, notes);
    }

    static IReadOnlyList<string> GroupBy(IReadOnlyList<string>? requested, CatalogMetric metric, QueryPattern pattern, List<string> warnings)
    {
        if (pattern.Name is QueryPatterns.HistogramLatencyPercentile or QueryPatterns.LatestValue)
        {
            if (requested is { Count: > 0 }) warnings.Add($"group_by_ignored: {pattern.Name} always works per series.");
            return pattern.Name == QueryPatterns.LatestValue ? metric.Labels : [];
        }
        if (requested is null) return pattern.Name == QueryPatterns.HistogramOpsPerSec ? [] : metric.Labels;
        var result = new List<string>();
        foreach (var label in requested)
        {
            var resolved = CatalogSnapshot.ResolveLabel(metric, label);
            if (!result.Contains(resolved)) result.Add(resolved);
        }
        return result;
    }

    static (CatalogMetric Count, CatalogMetric Avg) HistogramPair(CatalogSnapshot snapshot, CatalogMetric metric, QueryPattern pattern)
    {
        var siblings = snapshot.Metrics.Where(m => m.BaseTable == metric.BaseTable).ToList();
        var count = siblings.FirstOrDefault(m => m.Kind == "histogram_bucket");
        var avg = siblings.FirstOrDefault(m => m.Kind == "histogram_avg");
        if (metric.Kind is not ("histogram_bucket" or "histogram_avg") || count is null || avg is null || !count.Labels.Contains("bucket"))
        {
            var histograms = snapshot.Metrics.Where(m => m.Kind == "histogram_bucket").Select(m => m.Name).ToList();
            throw new ToolError("pattern_not_applicable",
                $"{pattern.Name} needs a latency histogram metric; {metric.Name} is a {metric.Kind}.",
                histograms,
                $"Use it with {string.Join(", ", histograms)}; for {metric.Name} use {QueryPatterns.DefaultFor(metric.Kind)}.");
        }
        return (count, avg);
    }
}
