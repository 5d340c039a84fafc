using System.Text.Json;
using Npgsql;
using PerfAspire.Mcp.Analysis;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Insights;

/// <summary>
/// compare_windows: for every metric of every table (optionally one category) in one bundle, the count, mean and
/// standard deviation of each series in window A and window B, one statement per table, then
/// <see cref="WindowChange"/> per series. The statement is <see cref="WindowComparisonSql"/>: counters are compared by
/// their rate over each window, never by raw value.
/// </summary>
public sealed class WindowComparison(ReadOnlySessionFactory sessions, MetricCatalog catalog, BundleScope bundles, QueryRunner runner)
{
    const int MaxSeriesPerTable = 20_000;
    const string TableSavepoint = "compare_table";

    public sealed record SeriesChange(CatalogMetric Metric, IReadOnlyDictionary<string, string?> Labels, WindowChange Change);

    public sealed record Result(
        BundleContext Bundle, QueryWindow A, QueryWindow B, IReadOnlyList<SeriesChange> Changes,
        int Tables, int TablesWithData, IReadOnlyList<string> Warnings, IReadOnlyList<string> Notes, int TablesCompared, bool Partial,
        IReadOnlyList<string> TimedOut);

    public async Task<Result> CompareAsync(JsonElement? aStart, JsonElement? aEnd, JsonElement? bStart, JsonElement? bEnd,
        string? bundleId, string? category, CancellationToken ct)
    {
        var snapshot = await catalog.GetAsync(ct);
        await using var session = await sessions.OpenAsync(ct);
        var bundle = await bundles.ResolveAsync(session, bundleId, ct);
        var notes = new List<string>();
        var warnings = new List<string>();
        if (IsMissing(aStart) || IsMissing(aEnd) || IsMissing(bStart) || IsMissing(bEnd))
        {
            throw new ToolError("invalid_window", "window_a and window_b each need a start and an end.",
                next: "e.g. window_a {\"start\": \"bundle_start\", \"end\": \"bundle_start+1h\"}, window_b {\"start\": \"bundle_end-1h\", \"end\": \"bundle_end\"}.");
        }
        var a = QueryWindow.Resolve(aStart, aEnd, bundle, notes);
        var b = QueryWindow.Resolve(bStart, bEnd, bundle, notes);
        if (a.Start <= b.End && b.Start <= a.End) warnings.Add("windows_overlap: samples in both windows count for window A only.");

        var metricsByTable = snapshot.Metrics.GroupBy(m => m.Table).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var tables = snapshot.Tables.Where(t => metricsByTable.ContainsKey(t.Name)).ToList();
        if (!string.IsNullOrWhiteSpace(category))
        {
            var c = category.Trim();
            tables = tables.Where(t => string.Equals(t.Category, c, StringComparison.OrdinalIgnoreCase)
                                       || string.Equals(t.RecordGroup, c, StringComparison.OrdinalIgnoreCase)).ToList();
            if (tables.Count == 0)
            {
                var known = snapshot.Tables.Select(t => t.Category).Distinct().Order().ToList();
                throw new ToolError("category_not_found", $"Unknown category '{Text.Clip(c)}'. Categories: {string.Join(", ", known)}.",
                    ClosestNames.Find(c, known, 3), "Use one of the listed categories, or omit category to compare everything.");
            }
        }

        var changes = new List<SeriesChange>();
        var withData = 0;
        var compared = 0;
        var timedOut = new List<string>();
        // One statement per table: past the call's soft deadline the tables compared so far are the (partial) answer.
        var stop = CallDeadline.Current?.Soft ?? ct;
        foreach (var table in tables)
        {
            var metrics = metricsByTable[table.Name];
            var labels = metrics[0].Labels;
            var query = WindowComparisonSql.Render(sessions.Schema, table.Name, labels, metrics, bundle.BundleId, (a.Start, a.End), (b.Start, b.End), MaxSeriesPerTable + 1);
            QueryRows rows;
            try
            {
                stop.ThrowIfCancellationRequested();
                // Under a savepoint: a table that passes the statement timeout is skipped, the transaction carries on.
                await using (var sp = session.Command(SessionSql.Savepoint(TableSavepoint))) await sp.ExecuteNonQueryAsync(stop);
                rows = await runner.RunAsync(session, query, MaxSeriesPerTable, stop);
                await using (var release = session.Command(SessionSql.Release(TableSavepoint))) await release.ExecuteNonQueryAsync(stop);
            }
            catch (Exception) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                warnings.Add($"deadline_partial: {compared} of {tables.Count} tables compared within the call deadline ({CallDeadline.Current!.Limit.TotalSeconds:0.#} s); narrow with category or shorter windows for the rest");
                return new Result(bundle, a, b, changes, tables.Count, withData, warnings, notes, compared, Partial: true, timedOut);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && !stop.IsCancellationRequested)
            {
                // The statement timeout, not our cancellation: this table is too big for these windows; the others still count.
                await using (var rollback = session.Command(SessionSql.RollbackTo(TableSavepoint))) await rollback.ExecuteNonQueryAsync(stop);
                timedOut.Add(table.Name);
                warnings.Add($"table_timed_out:{table.Name} (category {table.Category}: passed the statement timeout; compare it alone with category and shorter windows)");
                continue;
            }
            compared++;
            if (rows.Truncated) warnings.Add($"series_truncated:{table.Name} (more than {MaxSeriesPerTable} series; narrow with category)");
            var any = false;
            foreach (var row in rows.Rows)
            {
                var labelValues = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < labels.Count; i++) labelValues[labels[i]] = row[i]?.ToString();
                for (var m = 0; m < metrics.Count; m++)
                {
                    var at = labels.Count + m * 6;
                    var sa = Stats(row, at);
                    var sb = Stats(row, at + 3);
                    if (sa.Count == 0 && sb.Count == 0) continue;
                    any = true;
                    changes.Add(new SeriesChange(metrics[m], labelValues, WindowChange.Compare(sa, sb)));
                }
            }
            if (any) withData++;
        }
        return new Result(bundle, a, b, changes, tables.Count, withData, warnings, notes, compared, Partial: false, timedOut);
    }

    static WindowStats Stats(object?[] row, int at)
    {
        var n = row[at] is long l ? l : 0;
        if (n == 0) return new WindowStats(0, double.NaN, double.NaN);
        var mean = row[at + 1] is double m ? m : double.NaN;
        var sd = row[at + 2] is double s ? s : 0;
        return new WindowStats(n, mean, sd);
    }

    static bool IsMissing(JsonElement? v) =>
        v is not { } x || x.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (x.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(x.GetString()));
}
