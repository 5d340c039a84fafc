using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace PerfAspire.Docs.Corpus;

/// <summary>
/// L4: concept docs written as markdown in the repo (Corpus/concepts/*.md, embedded in the assembly),
/// id <c>concept:&lt;file name without .md&gt;</c>. The first <c># </c> heading is the title, the first
/// paragraph the summary; each <c>## </c> section is embedded on its own so a question about one section
/// finds the doc.
/// </summary>
public static partial class ConceptDocs
{
    const string ResourcePrefix = "concepts/";

    public static string Id(string slug) => "concept:" + slug;

    /// <summary>The concept markdown files shipped in this assembly: (slug, markdown), by slug.</summary>
    public static IReadOnlyList<(string Slug, string Markdown)> LoadEmbedded()
    {
        var asm = typeof(ConceptDocs).Assembly;
        var result = new List<(string, string)>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            result.Add((name[ResourcePrefix.Length..^3], reader.ReadToEnd()));
        }
        return result;
    }

    public static Doc Build(string slug, string markdown, IReadOnlyDictionary<string, string> metricDocIds)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
            ?? throw new InvalidDataException($"Concept doc '{slug}' has no '# ' title line.");

        var sections = new List<(string Heading, StringBuilder Text)> { ("", new StringBuilder()) };
        foreach (var line in lines)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal)) continue;
            if (line.StartsWith("## ", StringComparison.Ordinal)) sections.Add((line[3..].Trim(), new StringBuilder()));
            else sections[^1].Text.Append(line).Append('\n');
        }

        var intro = sections[0].Text.ToString().Trim();
        var summary = FirstParagraph(intro);
        if (summary.Length == 0) throw new InvalidDataException($"Concept doc '{slug}' needs an introductory paragraph under its title.");

        var embeddings = new List<string> { $"{title}. {summary}" };
        foreach (var (heading, text) in sections)
        {
            var plain = Plain(text.ToString());
            if (plain.Length == 0) continue;
            // Long sections are cut in passages the model can read whole.
            foreach (var passage in Passages(plain, 900))
            {
                embeddings.Add(heading.Length == 0 ? $"{title}. {passage}" : $"{title}: {heading}. {passage}");
            }
        }

        var mentioned = MetricMention().Matches(markdown).Select(m => m.Groups[1].Value).Where(metricDocIds.ContainsKey).Distinct().ToList();
        var conceptLinks = ConceptMention().Matches(markdown).Select(m => m.Value).Where(v => v != Id(slug)).Distinct();

        return new Doc
        {
            Id = Id(slug),
            Level = DocLevel.L4,
            Title = title,
            Summary = summary,
            Body = markdown.Trim() + "\n",
            Related = [.. conceptLinks, .. mentioned.Select(m => metricDocIds[m])],
            Fields =
            [
                new(title + " " + slug.Replace('-', ' '), 3f),
                new(string.Join(' ', sections.Select(s => s.Heading)), 2f),
                new(Plain(markdown), 1f),
            ],
            EmbeddingTexts = embeddings,
        };
    }

    static string FirstParagraph(string text)
    {
        var para = text.Split("\n\n", 2, StringSplitOptions.TrimEntries)[0];
        return Plain(para);
    }

    /// <summary>Markdown to plain text for indexing: no emphasis, code ticks, table pipes or link syntax.</summary>
    static string Plain(string md)
    {
        var s = MarkdownLink().Replace(md, "$1");
        s = s.Replace("**", "").Replace("`", "").Replace("|", " ").Replace("#", "");
        s = Whitespace().Replace(s, " ");
        return s.Trim();
    }

    static IEnumerable<string> Passages(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            yield return text;
            yield break;
        }
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(text.Length, start + maxChars);
            if (end < text.Length)
            {
                var cut = text.LastIndexOf(". ", end, end - start, StringComparison.Ordinal);
                if (cut > start + maxChars / 2) end = cut + 1;
            }
            yield return text[start..end].Trim();
            start = end;
        }
    }

    [GeneratedRegex(@"`([a-z][a-z0-9_]+)`")]
    private static partial Regex MetricMention();

    [GeneratedRegex(@"concept:[a-z0-9-]+")]
    private static partial Regex ConceptMention();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
