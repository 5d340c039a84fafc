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
            pattern = QueryPatterns.Find(args.Pattern);
            if (pattern is null)
            {
                throw new ToolError("pattern_not_found",
                    $"No query pattern '{Text.Clip(args.Pattern.Trim())}'.",
                    ClosestNames.Find(args.Pattern, QueryPatterns.All.Select(p => p.Name), 3),
                    $"Use one of: {string.Join(", ", QueryPatterns.All.Select(p => p.Name))} (query_get_patterns describes them).");
            }
        }

        var (snapshot, metric, alias) = await catalog.ResolveAsync(args.Metric, ct);
        if (alias is not null) notes.Add($"'{alias}' is an alias of {metric.Name}.");
        var kind = metric.Kind;
        pattern ??= QueryPatterns.DefaultFor(kind);
        // topk without a step is one ranking over the whole window (WholeWindowSql), which fits every kind.
        var wholeWindow = pattern.Name == QueryPatterns.TopK && args.StepSeconds is null;

        CatalogMetric? companion = null;
        if (pattern.Name is QueryPatterns.HistogramLatencyPercentile or QueryPatterns.HistogramOpsPerSec)
        {
            var (count, avg) = HistogramPair(snapshot, metric, pattern);
            if (pattern.Name == QueryPatterns.HistogramOpsPerSec && metric != count)
            {
                notes.Add($"histogram_ops_per_sec counts operations, so it reads {count.Name}.");
                metric = count;
                kind = MetricKind.HistogramBucket;
            }
            if (pattern.Name == QueryPatterns.HistogramLatencyPercentile) companion = metric == count ? avg : count;
        }
        if (!wholeWindow && !pattern.Supports(kind))
        {
            var fitting = QueryPatterns.For(kind).Select(p => p.Name).ToList();
            throw new ToolError("pattern_not_applicable",
                $"{pattern.Name} does not fit {metric.Name}, a {metric.KindName} metric. Patterns for {metric.KindName}: {string.Join(", ", fitting)}.",
                fitting,
                $"Use {QueryPatterns.DefaultFor(kind).Name} (the default for {metric.KindName}), or leave pattern_name out.");
        }

        var bundle = session is null ? await bundles.ResolveAsync(args.BundleId, ct) : await bundles.ResolveAsync(session, args.BundleId, ct);
        var window = QueryWindow.Resolve(args.Start, args.End, bundle, notes);
        var step = StepChooser.Choose(window.Span, args.StepSeconds, bundle.SampleIntervalSeconds, o.MaxPointsPerSeries);
        if (step.Warning is not null) warnings.Add(step.Warning);

        var filters = LabelFilters.Parse(args.Filters, metric);
        var groupBy = GroupBy(args.GroupBy, metric, pattern, wholeWindow, warnings);
        var orderBy = (args.OrderBy ?? "avg").Trim().ToLowerInvariant();
        if (orderBy is not ("avg" or "max")) throw new ToolError("invalid_argument", "order_by must be 'avg' or 'max'.");

        if (args.K is { } k && k is < 1 or > QueryLimits.MaxK) throw new ToolError("invalid_argument", $"k must be between 1 and {QueryLimits.MaxK}.");
        var quantile = args.Quantile;
        if (quantile is > 1 and <= 100)
        {
            notes.Add($"quantile {quantile.Value.ToString(CultureInfo.InvariantCulture)} was read as a percentage ({(quantile.Value / 100).ToString(CultureInfo.InvariantCulture)}).");
            quantile /= 100;
        }
        if (quantile is { } q && (double.IsNaN(q) || q <= 0 || q > 1)) throw new ToolError("invalid_argument", "quantile must be in (0, 1], e.g. 0.95 or 0.99.");
        var maxRows = args.MaxRows ?? o.DefaultMaxRows;
        if (maxRows < 1 || maxRows > o.HardMaxRows) throw new ToolError("invalid_argument", $"max_rows must be between 1 and {o.HardMaxRows}.");

        var plan = new QueryPlan(pattern, o.Schema, metric, bundle, window, step.StepSeconds, step.Automatic,
            filters, groupBy, args.K, quantile, maxRows + 1, orderBy, wholeWindow, companion);
        return new Planned(plan, snapshot, alias, warnings, notes);
    }

    static IReadOnlyList<string> GroupBy(IReadOnlyList<string>? requested, CatalogMetric metric, QueryPattern pattern, bool wholeWindowTopK, List<string> warnings)
    {
        IReadOnlyList<string> natural = pattern.Name == QueryPatterns.HistogramOpsPerSec
            ? [.. metric.Labels.Where(l => l != QueryRenderer.HistogramBucketLabel)]
            : metric.Labels;
        if (requested is null) return natural;
        var result = new List<string>();
        foreach (var label in requested)
        {
            var resolved = CatalogSnapshot.ResolveLabel(metric, label);
            if (!result.Contains(resolved)) result.Add(resolved);
        }
        // Keep the metric's label order so results sort the same way as without group_by.
        result = [.. metric.Labels.Where(result.Contains)];
        if (!wholeWindowTopK && !PatternSql.Collapsible.Contains(pattern.Name) && !result.SequenceEqual(natural))
        {
            warnings.Add($"group_by_ignored: {pattern.Name} always works per series; group_by applies to {string.Join(", ", PatternSql.Collapsible)} and to topk without step_seconds.");
            return natural;
        }
        return result;
    }

    static (CatalogMetric Count, CatalogMetric Avg) HistogramPair(CatalogSnapshot snapshot, CatalogMetric metric, QueryPattern pattern)
    {
        var siblings = snapshot.Metrics.Where(m => m.Table == metric.Table).ToList();
        var count = siblings.FirstOrDefault(m => m.Kind == MetricKind.HistogramBucket);
        var avg = siblings.FirstOrDefault(m => m.Kind == MetricKind.HistogramAvg);
        if (metric.Kind is not (MetricKind.HistogramBucket or MetricKind.HistogramAvg) || count is null || avg is null || !count.Labels.Contains(QueryRenderer.HistogramBucketLabel))
        {
            var histograms = snapshot.Metrics.Where(m => m.Kind == MetricKind.HistogramBucket).Select(m => m.Name).ToList();
            throw new ToolError("pattern_not_applicable",
                $"{pattern.Name} needs a latency histogram metric; {metric.Name} is a {metric.KindName}.",
                histograms,
                $"Use it with {string.Join(", ", histograms)}; for {metric.Name} use {QueryPatterns.DefaultFor(metric.Kind).Name}.");
        }
        return (count, avg);
    }
}
