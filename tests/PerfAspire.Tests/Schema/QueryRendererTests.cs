using PerfAspire.Schema.Query;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Schema;

public sealed class QueryRendererTests
{
    static readonly DateTimeOffset T0 = new(2025, 6, 28, 0, 0, 0, TimeSpan.Zero);

    static CatalogMetric Metric(string name)
    {
        var (g, m) = SchemaSpec.Default.FindMetric(name)!.Value;
        return CatalogMetric.FromSpec(g, m);
    }

    static QueryRequest Request(string pattern, string metric, params LabelFilter[] filters) => new()
    {
        Pattern = pattern,
        Metric = Metric(metric),
        BundleId = "b1",
        Start = T0,
        End = T0.AddHours(1),
        Filters = filters,
    };

    [Fact]
    public void Values_are_bound_never_pasted()
    {
        const string hostile = "x'; DROP TABLE perf.ptops_cpu; --";
        var q = QueryRenderer.Render("perf", Request(QueryPatterns.TimeseriesAvg, "cpu_utilization", new LabelFilter("cpu", hostile)) with { BundleId = hostile });
        Assert.DoesNotContain("DROP", q.Sql);
        Assert.Equal(["step_seconds", "origin", "bundle_id", "start_time", "end_time", "label_0"], q.Parameters.Select(p => p.Name));
        Assert.Equal(hostile, q.Parameters[2].Value);
        Assert.Equal(hostile, q.Parameters[5].Value);
        Assert.Contains("AND cpu = $6", q.Sql);
        Assert.Contains("FROM perf.cpu_utilization", q.Sql);
        Assert.Contains("perf.time_bucket($1 * INTERVAL '1 second', ts, $2)", q.Sql);
        // Buckets are counted from the window's start unless the request names another origin.
        Assert.Equal(T0.UtcDateTime, q.Parameters[1].Value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)q.Parameters[3].Value).Kind);
    }

    [Fact]
    public void Repeated_parameters_share_one_position()
    {
        var q = QueryRenderer.Render("perf", Request(QueryPatterns.HistogramOpsPerSec, "dbwr_bucket_count_total"));
        Assert.Equal(1, q.Parameters.Count(p => p.Name == "step_seconds"));
        Assert.Contains("sum(value) / $1", q.Sql);
    }

    [Theory]
    [InlineData("cpu; DROP TABLE x", QueryBuildException.UnknownLabel)]
    [InlineData("device", QueryBuildException.UnknownLabel)]
    public void Filters_on_labels_the_metric_does_not_have_are_rejected(string label, string code)
    {
        var e = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.TimeseriesAvg, "cpu_utilization", new LabelFilter(label, "v"))));
        Assert.Equal(code, e.Code);
        Assert.Contains("labels are: cpu", e.Message);
    }

    [Fact]
    public void Identifiers_from_a_tampered_catalog_are_rejected()
    {
        var bad = Metric("cpu_utilization") with { Name = "cpu_utilization; DELETE FROM x" };
        var e = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.TimeseriesAvg, "cpu_utilization") with { Metric = bad }));
        Assert.Equal(QueryBuildException.InvalidIdentifier, e.Code);
        Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("Perf\"", Request(QueryPatterns.TimeseriesAvg, "cpu_utilization")));
    }

    [Fact]
    public void Kind_mismatch_names_the_right_pattern()
    {
        var e = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.TimeseriesAvg, "fpports_rx_packets_total")));
        Assert.Equal(QueryBuildException.KindNotSupported, e.Code);
        Assert.Contains("use counter_rate", e.Message);
        var missing = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.HistogramLatencyPercentile, "dbwr_bucket_count_total")));
        Assert.Equal(QueryBuildException.CompanionRequired, missing.Code);
        Assert.Equal(QueryBuildException.UnknownPattern, Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request("nope", "cpu_utilization"))).Code);
    }

    [Theory]
    [InlineData(0.0, null, null)]
    [InlineData(-5.0, null, null)]
    [InlineData(60.0, 0, null)]
    [InlineData(60.0, null, 1.5)]
    [InlineData(60.0, null, 0.0)]
    public void Out_of_range_values_are_rejected(double step, int? k, double? quantile)
    {
        var e = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.TopK, "cpu_utilization") with { StepSeconds = step, K = k, Quantile = quantile }));
        Assert.Equal(QueryBuildException.InvalidParameter, e.Code);
        var reversed = Assert.Throws<QueryBuildException>(() => QueryRenderer.Render("perf", Request(QueryPatterns.TopK, "cpu_utilization") with { End = T0.AddHours(-1) }));
        Assert.Contains("before start_time", reversed.Message);
    }

    [Fact]
    public void Templates_use_only_known_placeholders_and_declared_parameters()
    {
        foreach (var p in QueryPatterns.All)
        {
            var stripped = QueryPlaceholders.All.Aggregate(p.SqlTemplate, (s, ph) => s.Replace(ph, ""));
            Assert.DoesNotContain("{", stripped);
            var declared = p.RequiredParams.Concat(p.OptionalParams.Select(o => o.Name)).ToHashSet();
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(p.SqlTemplate, @"\$([a-z_]+)"))
            {
                Assert.Contains(m.Groups[1].Value, declared);
            }
            Assert.NotEmpty(p.Kinds);
            Assert.StartsWith("{", p.ExampleUsage);
            System.Text.Json.JsonDocument.Parse(p.ExampleUsage).Dispose();
        }
        Assert.Equal(["timeseries_avg", "timeseries_max", "timeseries_sum", "counter_rate", "topk", "histogram_ops_per_sec", "histogram_latency_percentile", "latest_value", "summary_stats"],
            QueryPatterns.All.Select(p => p.Name));
        Assert.Equal(QueryPatterns.CounterRate, QueryPatterns.DefaultFor(MetricKind.Counter).Name);
        Assert.Equal(QueryPatterns.TimeseriesSum, QueryPatterns.DefaultFor(MetricKind.HistogramBucket).Name);
    }
}
