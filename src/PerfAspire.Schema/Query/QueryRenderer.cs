using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Turns a <see cref="QueryPattern"/> into executable SQL. Identifier placeholders are filled only from the
/// <see cref="CatalogMetric"/> (each name checked as an identifier; filter labels must be labels of the metric);
/// every value becomes a positional bind parameter. The output runs unchanged with and without TimescaleDB.
/// </summary>
public static partial class QueryRenderer
{
    /// <summary>The label that holds a histogram's bucket index.</summary>
    public const string HistogramBucketLabel = "bucket";

    public static RenderedQuery Render(string schema, QueryRequest request)
    {
        var pattern = QueryPatterns.Find(request.Pattern)
            ?? throw new QueryBuildException(QueryBuildException.UnknownPattern,
                $"unknown pattern '{request.Pattern}'; known patterns: {string.Join(", ", QueryPatterns.All.Select(p => p.Name))}");
        var m = request.Metric;
        if (!pattern.Supports(m.Kind))
        {
            throw new QueryBuildException(QueryBuildException.KindNotSupported,
                $"pattern '{pattern.Name}' does not fit metric '{m.Name}' of kind {m.Kind.ToSql()}; use {QueryPatterns.DefaultFor(m.Kind).Name} " +
                $"(patterns for {m.Kind.ToSql()}: {string.Join(", ", QueryPatterns.For(m.Kind).Select(p => p.Name))})");
        }
        Identifier(schema, "schema");
        Identifier(m.Name, "metric name");
        Identifier(m.Table, "table");
        Identifier(m.Column, "column");
        foreach (var l in m.Labels) Identifier(l, "label");

        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["bundle_id"] = string.IsNullOrEmpty(request.BundleId)
                ? throw new QueryBuildException(QueryBuildException.InvalidParameter, "bundle_id is required")
                : request.BundleId,
            ["start_time"] = request.Start.UtcDateTime,
            ["end_time"] = request.End.UtcDateTime,
            ["origin"] = (request.Origin ?? request.Start).UtcDateTime,
        };
        if (request.End < request.Start)
        {
            throw new QueryBuildException(QueryBuildException.InvalidParameter, $"end_time {request.End:O} is before start_time {request.Start:O}");
        }
        var step = request.StepSeconds ?? QueryPatterns.DefaultStepSeconds;
        if (!double.IsFinite(step) || step <= 0 || step > QueryLimits.MaxStepSeconds)
        {
            throw new QueryBuildException(QueryBuildException.InvalidParameter, $"step_seconds must be > 0 and at most {QueryLimits.MaxStepSeconds.ToString(CultureInfo.InvariantCulture)}; got {step.ToString(CultureInfo.InvariantCulture)}");
        }
        values["step_seconds"] = step;
        var k = request.K ?? QueryPatterns.DefaultK;
        if (k is < 1 or > QueryLimits.MaxK) throw new QueryBuildException(QueryBuildException.InvalidParameter, $"k must be between 1 and {QueryLimits.MaxK}; got {k}");
        values["k"] = k;
        var q = request.Quantile ?? QueryPatterns.DefaultQuantile;
        if (!double.IsFinite(q) || q <= 0 || q > 1) throw new QueryBuildException(QueryBuildException.InvalidParameter, $"quantile must be in (0, 1]; got {q.ToString(CultureInfo.InvariantCulture)}");
        values["quantile"] = q;

        var filters = new StringBuilder(LoadVisibility.Guard(schema, m.Table, "$bundle_id") is { Length: > 0 } guard ? "\n " + guard : "");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Filters.Count; i++)
        {
            var f = request.Filters[i];
            if (!m.Labels.Contains(f.Label))
            {
                throw new QueryBuildException(QueryBuildException.UnknownLabel,
                    $"'{f.Label}' is not a label of metric '{m.Name}'; its labels are: {(m.Labels.Count == 0 ? "(none)" : string.Join(", ", m.Labels))}");
            }
            if (!seen.Add(f.Label)) throw new QueryBuildException(QueryBuildException.InvalidParameter, $"label '{f.Label}' is filtered twice; give all its values in one filter");
            if (f.Values.Count == 0 || f.Values.Any(v => v is null)) throw new QueryBuildException(QueryBuildException.InvalidParameter, $"filter on '{f.Label}' needs at least one non-null value");
            var name = "label_" + i.ToString(CultureInfo.InvariantCulture);
            filters.Append("\n  AND ").Append(SqlIdentifier.Quote(f.Label)).Append(f.Values.Count == 1 ? " = $" : " = ANY($").Append(name).Append(f.Values.Count == 1 ? "" : ")");
            values[name] = f.Values.Count == 1 ? f.Values[0] : f.Values.ToArray();
        }

        var labels = string.Concat(m.Labels.Select(l => ", " + SqlIdentifier.Quote(l)));
        var groupLabels = string.Concat(m.Labels.Where(l => l != HistogramBucketLabel).Select(l => ", " + SqlIdentifier.Quote(l)));
        var sql = pattern.SqlTemplate
            .Replace(QueryPlaceholders.LabelFilters, filters.ToString(), StringComparison.Ordinal)
            .Replace(QueryPlaceholders.GroupLabels, groupLabels, StringComparison.Ordinal)
            .Replace(QueryPlaceholders.Labels, labels, StringComparison.Ordinal)
            .Replace(QueryPlaceholders.View, SqlIdentifier.Qualify(schema, m.Name), StringComparison.Ordinal)
            .Replace(QueryPlaceholders.Table, SqlIdentifier.Qualify(schema, m.Table), StringComparison.Ordinal)
            .Replace(QueryPlaceholders.Schema, SqlIdentifier.Quote(schema), StringComparison.Ordinal);

        if (sql.Contains(QueryPlaceholders.CountColumn, StringComparison.Ordinal))
        {
            var (count, latency) = HistogramColumns(m, request.Companion, pattern.Name);
            sql = sql
                .Replace(QueryPlaceholders.CountColumn, SqlIdentifier.Quote(count), StringComparison.Ordinal)
                .Replace(QueryPlaceholders.LatencyColumn, SqlIdentifier.Quote(latency), StringComparison.Ordinal)
                .Replace(QueryPlaceholders.BucketLabel, SqlIdentifier.Quote(HistogramBucketLabel), StringComparison.Ordinal);
        }
        if (pattern.SqlTemplate.Contains(QueryPlaceholders.GroupLabels, StringComparison.Ordinal) && !m.Labels.Contains(HistogramBucketLabel))
        {
            throw new QueryBuildException(QueryBuildException.KindNotSupported, $"pattern '{pattern.Name}' needs a histogram with a '{HistogramBucketLabel}' label; metric '{m.Name}' has none");
        }

        // Named parameters become positional in order of first use; repeated names share one position.
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var parameters = new List<QueryParameter>();
        sql = NamedParameter().Replace(sql, match =>
        {
            var name = match.Groups[1].Value;
            if (!positions.TryGetValue(name, out var pos))
            {
                if (!values.TryGetValue(name, out var value)) throw new InvalidOperationException($"pattern {pattern.Name} uses unknown parameter ${name}");
                parameters.Add(new QueryParameter(name, value));
                pos = positions[name] = parameters.Count;
            }
            return "$" + pos.ToString(CultureInfo.InvariantCulture);
        });
        return new RenderedQuery(sql, parameters);
    }

    static (string Count, string Latency) HistogramColumns(CatalogMetric m, CatalogMetric? companion, string pattern)
    {
        var want = m.Kind == MetricKind.HistogramBucket ? MetricKind.HistogramAvg : MetricKind.HistogramBucket;
        if (companion is null || companion.Kind != want || companion.Table != m.Table)
        {
            throw new QueryBuildException(QueryBuildException.CompanionRequired,
                $"pattern '{pattern}' needs the {want.ToSql()} metric of table '{m.Table}' as companion of '{m.Name}'");
        }
        Identifier(companion.Column, "column");
        return m.Kind == MetricKind.HistogramBucket ? (m.Column, companion.Column) : (companion.Column, m.Column);
    }

    static void Identifier(string name, string what)
    {
        if (!SqlIdentifier.IsValid(name))
        {
            throw new QueryBuildException(QueryBuildException.InvalidIdentifier, $"{what} '{name}' is not a valid identifier");
        }
    }

    [GeneratedRegex(@"\$([a-z_][a-z0-9_]*)")]
    private static partial Regex NamedParameter();
}
