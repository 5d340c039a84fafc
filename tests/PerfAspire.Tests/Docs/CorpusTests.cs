using System.Text.RegularExpressions;
using PerfAspire.Docs.Corpus;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Docs;

public sealed partial class CorpusTests
{
    static readonly DocCorpus Corpus = DocCorpus.CreateDefault();

    [Fact]
    public void Every_metric_of_the_spec_has_one_L1_doc_with_its_public_id()
    {
        foreach (var (group, metric, name) in SchemaSpec.Default.Metrics)
        {
            var doc = Corpus.Get($"field:{group.RecordGroup}:{name}");
            Assert.NotNull(doc);
            Assert.Equal(DocLevel.L1, doc.Level);
            Assert.Equal(name, doc.Metric);
            Assert.Equal(metric.Kind.ToSql(), doc.Kind);
            Assert.Equal(metric.Unit, doc.Unit);
            Assert.Equal(group.Table, doc.Table);
            Assert.Contains(metric.Description, doc.Body);
        }
        Assert.Equal(SchemaSpec.Default.Metrics.Count(), Corpus.Docs.Count(d => d.Level == DocLevel.L1));
    }

    [Fact]
    public void Every_record_group_has_an_L2_doc_listing_its_labels_metrics_and_presence()
    {
        foreach (var group in SchemaSpec.Default.Groups)
        {
            var doc = Corpus.Get("plugin:" + group.RecordGroup);
            Assert.NotNull(doc);
            Assert.Equal(DocLevel.L2, doc.Level);
            Assert.True(GroupNotes.Has(group.RecordGroup), $"GroupNotes lacks {group.RecordGroup}");
            Assert.Contains("## When it is present", doc.Body);
            foreach (var l in group.Labels) Assert.Contains($"`{l.Name}`", doc.Body);
            foreach (var m in group.Metrics) Assert.Contains($"`{group.MetricName(m)}`", doc.Body);
        }
    }

    [Theory]
    [InlineData(MetricKind.Counter, "counter_rate")]
    [InlineData(MetricKind.Gauge, "timeseries_avg")]
    [InlineData(MetricKind.Rate, "timeseries_avg")]
    [InlineData(MetricKind.Delta, "timeseries_sum")]
    [InlineData(MetricKind.HistogramBucket, "histogram_latency_percentile")]
    [InlineData(MetricKind.HistogramAvg, "histogram_latency_percentile")]
    public void Metric_docs_name_the_pattern_for_their_kind_and_the_tools(MetricKind kind, string pattern)
    {
        var docs = Corpus.Docs.Where(d => d.Kind == kind.ToSql()).ToList();
        Assert.NotEmpty(docs);
        foreach (var d in docs)
        {
            Assert.Contains($"`{pattern}`", d.Body);
            Assert.Contains("`schema_describe_metric`", d.Body);
            Assert.Contains("`query_run ", d.Body);
            Assert.Contains("**High:**", d.Body);
            Assert.Contains("**Low:**", d.Body);
        }
    }

    [Fact]
    public void Aliases_of_the_spec_resolve_to_their_metric_and_appear_in_its_doc()
    {
        var aliases = SchemaSpec.Default.Metrics.SelectMany(m => m.Metric.AliasList.Select(a => (Alias: a, m.Name))).ToList();
        Assert.Contains(aliases, a => a.Alias == "cpu_utilization_percent" && a.Name == "cpu_utilization");
        foreach (var (alias, name) in aliases)
        {
            Assert.Equal(name, Corpus.Canonical(alias));
            Assert.True(Corpus.IsAlias(alias));
            Assert.Contains($"`{alias}`", Corpus.MetricDoc(name)!.Body);
        }
        Assert.Equal("disk_busy_percent", Corpus.Canonical("DISK_BUSY_PERCENT"));
        Assert.Null(Corpus.Canonical("no_such_metric"));
    }

    [Theory]
    [InlineData("fast-path-architecture")]
    [InlineData("troubleshooting-correlations")]
    [InlineData("label-taxonomy")]
    [InlineData("histograms-and-percentiles")]
    [InlineData("querying-with-tools")]
    [InlineData("bundle-lifecycle")]
    [InlineData("metric-kinds")]
    [InlineData("reading-ptop-data")]
    public void Required_concept_docs_exist(string slug)
    {
        var doc = Corpus.Get("concept:" + slug);
        Assert.NotNull(doc);
        Assert.Equal(DocLevel.L4, doc.Level);
        Assert.False(string.IsNullOrWhiteSpace(doc.Summary));
        Assert.True(doc.EmbeddingTexts.Count >= 2, "a concept doc is embedded per section");
    }

    [Theory]
    [InlineData("fast-path-architecture", new[] { "listener", "port", "mbuf", "MSP", "prefetch", "DCA", "RR-type", "EDNS0", "subscriber", "violations", "named" })]
    [InlineData("troubleshooting-correlations", new[] { "nombuf", "reconnects", "Non-cacheable", "Policy tightening", "Subscriber coverage", "queue vs service time", "NUMA", "fragmentation", "misses vs hits" })]
    public void Concept_docs_cover_the_topics_the_issue_names(string slug, string[] topics)
    {
        var body = Corpus.Get("concept:" + slug)!.Body;
        foreach (var t in topics) Assert.Contains(t, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_correlation_set_names_real_metrics_and_has_a_section_in_the_concept_doc()
    {
        var body = Corpus.Get("concept:troubleshooting-correlations")!.Body;
        foreach (var set in Correlations.All)
        {
            foreach (var m in set.Metrics) Assert.True(Corpus.MetricDoc(m) is not null, $"{set.Title}: unknown metric {m}");
            Assert.Contains("## " + set.Title, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Metric_names_written_in_the_concept_docs_exist()
    {
        var prefixes = SchemaSpec.Default.Groups.Select(g => g.Prefix + "_").ToList();
        // Names that look like metrics but are labels or MCP tools.
        var notMetrics = SchemaSpec.Default.Groups.SelectMany(g => g.LabelNames).Append("top_n").ToHashSet(StringComparer.Ordinal);
        foreach (var doc in Corpus.Concepts)
        {
            foreach (Match m in BacktickedName().Matches(doc.Body))
            {
                var name = m.Groups[1].Value;
                if (!prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || notMetrics.Contains(name)) continue;
                Assert.True(Corpus.Canonical(name) is not null, $"{doc.Id} mentions unknown metric `{name}`");
            }
        }
    }

    [Fact]
    public void Doc_ids_are_unique_and_related_ids_resolve()
    {
        Assert.Equal(Corpus.Docs.Count, Corpus.Docs.Select(d => d.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var d in Corpus.Docs)
        {
            foreach (var r in d.Related) Assert.True(Corpus.Get(r) is not null, $"{d.Id} links to missing {r}");
        }
    }

    [Fact]
    public void Lookups_tolerate_case_and_an_underscore_for_the_space_in_a_group_name()
    {
        Assert.Equal("field:NET ifstat:net_rx_packets_total", Corpus.Get("field:net_ifstat:net_rx_packets_total")?.Id);
        Assert.Equal("plugin:DISK", Corpus.Get("PLUGIN:disk")?.Id);
    }

    [Fact]
    public void Embedding_passages_stay_short_enough_for_the_model()
    {
        Assert.All(Corpus.Docs.SelectMany(d => d.EmbeddingTexts), t => Assert.InRange(t.Length, 10, 1200));
    }

    [GeneratedRegex(@"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")]
    private static partial Regex BacktickedName();
}
