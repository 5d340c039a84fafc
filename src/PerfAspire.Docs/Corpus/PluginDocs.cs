using System.Text;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Corpus;

/// <summary>L2: one doc per record group (ptop plugin), id <c>plugin:&lt;GROUP&gt;</c>.</summary>
public static class PluginDocs
{
    public static string Id(TableGroup group) => "plugin:" + group.RecordGroup;

    public static Doc Build(TableGroup group)
    {
        var note = GroupNotes.For(group.RecordGroup);
        var body = new StringBuilder();
        body.Append("# ").Append(group.RecordGroup).Append(": ").Append(note.Name).Append("\n\n");
        body.Append(group.Summary).Append("\n\n");
        body.Append("- Table: `").Append(group.Table).Append("`; metric names start with `").Append(group.Prefix).Append("_` (one SQL view per metric).\n");
        body.Append("- Category (`metric_category`): `").Append(group.Category).Append("`; load filter: `").Append(group.Filter).Append("` (the `categories` argument of `support_load_bundle`).\n");
        if (group.Extensible)
        {
            body.Append("- Extensible: keys the spec does not know yet become new columns, views and catalog rows when SCHEMA_AUTO_UPDATE is on.\n");
        }
        body.Append("\n## When it is present\n\n").Append(note.Presence).Append("\n\n");
        if (!string.IsNullOrEmpty(note.Questions)) body.Append("## Questions it answers\n\n").Append(note.Questions).Append("\n\n");

        body.Append("## Labels\n\n");
        if (group.Labels.Count == 0) body.Append("None: one series per bundle and host.\n\n");
        else
        {
            foreach (var l in group.Labels) body.Append("- `").Append(l.Name).Append("`: ").Append(l.Description).Append('\n');
            body.Append('\n');
        }

        body.Append("## Metrics\n\n| metric | kind | unit | meaning |\n|---|---|---|---|\n");
        foreach (var m in group.Metrics)
        {
            body.Append("| `").Append(group.MetricName(m)).Append("` | ").Append(m.Kind.ToSql()).Append(" | ").Append(m.Unit).Append(" | ")
                .Append(m.Description.Replace("|", "/")).Append(" |\n");
        }
        body.Append("\nEach metric has its own doc (`field:").Append(group.RecordGroup).Append(":<metric>`) with how to read and query it.\n");

        var fields = new List<WeightedText>
        {
            new(group.RecordGroup + " " + group.Prefix + " " + group.Table, 3f),
            new(note.Name, 3f),
            new(note.Topics, 2f),
            new(group.Summary, 2f),
            new(note.Questions, 1.5f),
            new(string.Join(' ', group.Labels.Select(l => l.Name + " " + l.Description)), 0.5f),
            new(note.Presence, 0.5f),
            new(string.Join(' ', group.Metrics.Select(m => m.Column)), 0.5f),
        };

        return new Doc
        {
            Id = Id(group),
            Level = DocLevel.L2,
            Title = $"{group.RecordGroup}: {note.Name} ({group.Table})",
            Summary = group.Summary,
            Body = body.ToString(),
            Group = group.RecordGroup,
            Table = group.Table,
            Category = group.Category,
            Filter = group.Filter,
            Labels = [.. group.LabelNames],
            Related = [.. group.Metrics.Select(m => MetricDocs.Id(group, group.MetricName(m)))],
            Fields = fields,
            EmbeddingTexts = [$"{group.RecordGroup}: {note.Name}. {group.Summary} Topics: {note.Topics}. {note.Questions}"],
        };
    }
}
