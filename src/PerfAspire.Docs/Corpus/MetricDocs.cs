using System.Text;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Corpus;

/// <summary>L1: one doc per metric of the spec, id <c>field:&lt;GROUP&gt;:&lt;metric_name&gt;</c>.</summary>
public static class MetricDocs
{
    public static string Id(TableGroup group, string metric) => $"field:{group.RecordGroup}:{metric}";

    public static Doc Build(TableGroup group, MetricSpec spec)
    {
        var metric = group.MetricName(spec);
        var note = GroupNotes.For(group.RecordGroup);
        var guidance = KindGuidance.For(spec.Kind);
        var reading = Interpretation.For(metric, spec);
        var synonyms = Vocabulary.For(metric, spec.Column);
        var human = Humanize(spec.Column);
        var kind = spec.Kind.ToSql();
        var correlations = Correlations.For(metric).ToList();

        var body = new StringBuilder();
        body.Append("# ").Append(metric).Append("\n\n");
        body.Append(spec.Description).Append("\n\n");
        body.Append("| | |\n|---|---|\n");
        body.Append("| Metric (SQL view) | `").Append(metric).Append("` |\n");
        body.Append("| Table and column | `").Append(group.Table).Append('.').Append(spec.Column).Append("` (").Append(spec.SqlType).Append(") |\n");
        body.Append("| Record group | ").Append(group.RecordGroup).Append(" (").Append(note.Name).Append("), category `").Append(group.Category)
            .Append("`, load filter `").Append(group.Filter).Append("` |\n");
        body.Append("| Kind | ").Append(kind).Append(" |\n");
        body.Append("| Unit | ").Append(spec.Unit).Append(" |\n");
        if (spec.SourceKey is not null) body.Append("| ptop key | `").Append(spec.SourceKey).Append("` |\n");
        if (spec.AliasList.Count > 0)
        {
            body.Append("| Aliases (legacy names) | ").Append(string.Join(", ", spec.AliasList.Select(a => $"`{a}`"))).Append(" |\n");
        }
        body.Append('\n');

        body.Append("## Labels\n\n");
        if (group.Labels.Count == 0)
        {
            body.Append("No local labels: one series per bundle and host.\n");
        }
        else
        {
            foreach (var l in group.Labels) body.Append("- `").Append(l.Name).Append("`: ").Append(l.Description).Append('\n');
            body.Append("\nA series is one bundle + host + combination of these labels.\n");
        }
        body.Append("Every row also carries the common columns `ts`, `bundle_id`, `sptid`, `metric_category` and `host`.\n\n");

        body.Append("## How ptop computes it\n\n");
        if (!string.IsNullOrWhiteSpace(spec.Computation)) body.Append(spec.Computation).Append(' ');
        body.Append("It is ").Append(guidance.Meaning).Append("\n\n");

        body.Append("## Reading it\n\n");
        body.Append("- **High:** ").Append(reading.High).Append('\n');
        body.Append("- **Low:** ").Append(reading.Low).Append("\n\n");

        body.Append("## How to query it\n\n");
        body.Append("- Pattern: `").Append(guidance.DefaultPattern).Append("`. ").Append(guidance.Aggregation).Append(' ').Append(guidance.Caution).Append('\n');
        body.Append("- Also useful: ").Append(string.Join(", ", guidance.OtherPatterns.Select(p => $"`{p}`"))).Append(".\n");
        body.Append("- Example: `query_run ").Append(KindGuidance.ExampleQuery(metric, spec.Kind, group.Labels)).Append("` (add `filters`, `start_time`, `end_time` as needed; `query_build_sql` with the same arguments shows the SQL).\n");
        body.Append("- Tools: `schema_describe_metric` for its catalog entry and presence");
        if (group.Labels.Count > 0)
        {
            body.Append(", `schema_list_label_values` for the values of ").Append(string.Join(", ", group.Labels.Select(l => $"`{l.Name}`")));
            body.Append(", `top_n` / `graph_topk` for the worst series");
        }
        body.Append(", `query_range` or `graph_timeseries` for a chart");
        if (spec.Kind is MetricKind.HistogramBucket or MetricKind.HistogramAvg) body.Append(", `graph_latency_histogram` for p50/p95/p99 over time");
        body.Append(", `find_anomalies` for spikes, `correlate_metrics` against the metrics below.\n\n");

        if (correlations.Count > 0)
        {
            body.Append("## Read it together with\n\n");
            foreach (var set in correlations)
            {
                body.Append("- **").Append(set.Title).Append("** (concept:troubleshooting-correlations): ").Append(set.Explanation).Append('\n');
            }
            body.Append('\n');
        }

        body.Append("## Record group\n\n").Append(group.Summary).Append(' ').Append(note.Presence).Append(" See plugin:").Append(group.RecordGroup).Append(".\n");
        if (synonyms.Count > 0) body.Append("\nAlso searched as: ").Append(string.Join(", ", synonyms)).Append(".\n");

        var related = new List<string> { PluginDocs.Id(group) };
        foreach (var set in correlations)
        {
            if (!related.Contains(ConceptDocs.Id("troubleshooting-correlations"))) related.Add(ConceptDocs.Id("troubleshooting-correlations"));
        }
        if (spec.Kind is MetricKind.HistogramBucket or MetricKind.HistogramAvg) related.Add(ConceptDocs.Id("histograms-and-percentiles"));
        related.Add(ConceptDocs.Id("querying-with-tools"));

        var fields = new List<WeightedText>
        {
            new(metric, 3f),
            new(string.Join(' ', spec.AliasList), 3f),
            new(human, 2f),
            new(group.RecordGroup + " " + note.Name + " " + note.Topics, 1.5f),
            new(string.Join(", ", synonyms), 1.5f),
            new(spec.Description, 1.5f),
            new(spec.Unit + " " + kind.Replace('_', ' '), 1f),
            new(spec.Computation + " " + group.Summary + " " + note.Questions, 0.5f),
            new(string.Join(' ', group.Labels.Select(l => l.Name + " " + l.Description)), 0.5f),
        };

        var embed = new StringBuilder();
        embed.Append(metric.Replace('_', ' ')).Append(": ").Append(human).Append(" (").Append(note.Name).Append("). ").Append(spec.Description);
        if (synonyms.Count > 0) embed.Append(" Also: ").Append(string.Join(", ", synonyms.Take(8))).Append('.');
        embed.Append(" Unit: ").Append(spec.Unit).Append('.');

        return new Doc
        {
            Id = Id(group, metric),
            Level = DocLevel.L1,
            Title = $"{metric}: {human} ({note.Name})",
            Summary = spec.Description,
            Body = body.ToString(),
            Group = group.RecordGroup,
            Table = group.Table,
            Category = group.Category,
            Filter = group.Filter,
            Metric = metric,
            Kind = kind,
            Unit = spec.Unit,
            Aliases = spec.AliasList,
            Labels = [.. group.LabelNames],
            Related = related,
            Fields = fields,
            EmbeddingTexts = [embed.ToString()],
        };
    }

    /// <summary>"rx_nombuf_drops_total" -> "rx nombuf drops total"; "read_kb_per_sec" -> "read KiB per second".</summary>
    public static string Humanize(string column) =>
        string.Join(' ', column.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(t => t switch
        {
            "kb" => "KiB",
            "sec" => "second",
            "mib" => "MiB",
            "mb" => "MB",
            "ms" => "milliseconds",
            "avg" => "average",
            "rx" => "received",
            "tx" => "transmitted",
            "pct" => "percent",
            _ => t,
        }));
}
