
namespace PerfAspire.Mcp.Query;

/// <summary>Why a query returned nothing, and what to call next.</summary>
public sealed record EmptyResult(string Reason, string Explanation, string Next)
{
    public const string WindowOutsideBundle = "window_outside_bundle";
    public const string NoDataForMetric = "no_data_for_metric";
    public const string FilterMatchedNothing = "filter_matched_nothing";
    public const string NoDataInWindow = "no_data_in_window";

    /// <summary>Probes (cheap, index-backed) which of the likely causes holds.</summary>
    public static async Task<EmptyResult> ExplainAsync(QueryPlan plan, ReadOnlySession session, QueryRunner runner, CancellationToken ct)
    {
        var b = plan.Bundle;
        if (!plan.Window.Overlaps(b)) return OutsideBundle(plan);

        var metric = plan.Metric;
        var anyInBundle = await runner.ScalarAsync<bool>(session, ProbeSql.AnyInBundle(plan.Schema, metric, b.BundleId), ct);
        if (!anyInBundle)
        {
            return new EmptyResult(NoDataForMetric,
                $"{plan.Metric.Name} has no samples at all in bundle {b.BundleId}: its record group ({plan.Metric.RecordGroup}) is not in this bundle's logs, or the load's categories left it out.",
                $"Call schema_list_tables or schema_list_metrics {{\"category\": \"{plan.Metric.Category}\"}} for related metrics, or reload with support_load_bundle including its category.");
        }
        var anyInWindow = await runner.ScalarAsync<bool>(session, ProbeSql.AnyInWindow(plan.Schema, metric, b.BundleId, plan.Window.Start, plan.Window.End), ct);
        if (anyInWindow && plan.Filters.Count > 0)
        {
            var labels = string.Join(", ", plan.Filters.Select(f => f.Label));
            return new EmptyResult(FilterMatchedNothing,
                $"{plan.Metric.Name} has samples in this window, but none match the filters on {labels}.",
                $"Call schema_list_label_values {{\"metric\": \"{plan.Metric.Name}\", \"label\": \"{plan.Filters[0].Label}\"}} to see the values that exist.");
        }
        if (!anyInWindow)
        {
            var first = await runner.ScalarAsync<DateTime?>(session, ProbeSql.SampleEdge(plan.Schema, metric, b.BundleId, last: false), ct);
            var last = await runner.ScalarAsync<DateTime?>(session, ProbeSql.SampleEdge(plan.Schema, metric, b.BundleId, last: true), ct);
            return new EmptyResult(NoDataInWindow,
                $"{plan.Metric.Name} has samples in bundle {b.BundleId} only from {Iso(first)} to {Iso(last)}, none in {plan.Window.Start:O} .. {plan.Window.End:O}.",
                "Move start/end into that range, or leave them out to use the whole bundle.");
        }
        return new EmptyResult("no_rows",
            $"The pattern {plan.Pattern.Name} produced no rows although {plan.Metric.Name} has samples in the window (e.g. a counter with a single sample per series has no rate).",
            "Try a wider window or the timeseries_avg / latest_value pattern.");
    }

    public static EmptyResult OutsideBundle(QueryPlan plan) => new(WindowOutsideBundle,
        $"The window {plan.Window.Start:O} .. {plan.Window.End:O} lies outside bundle {plan.Bundle.BundleId}, which covers {plan.Bundle.TimeStart:O} .. {plan.Bundle.TimeEnd:O}.",
        "Use times inside the bundle's range (bundle_start / bundle_end work too), or leave start/end out.");

    static string Iso(DateTime? t) => t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ") : "?";
}
