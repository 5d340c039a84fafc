using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfAspire.Docs.Search;

namespace PerfAspire.Docs.Quality;

/// <summary>
/// A question and the metrics a good answer must surface in its top 5. An entry "a|b" is satisfied by
/// either metric (questions with several equally right answers).
/// </summary>
public sealed record GoldQuestion(
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("expected")] IReadOnlyList<string> Expected)
{
    public bool Satisfies(string expected, IEnumerable<string> metrics) => metrics.Any(expected.Split('|').Contains);

    public bool Accepts(string metric) => Expected.Any(e => e.Split('|').Contains(metric));
}

/// <summary>
/// The metric-search quality gold set (tests/PerfAspire.Tests/Docs/gold-set.json), shared by the test that
/// gates on it and the benchmark that times it.
/// </summary>
public sealed record GoldSet(
    [property: JsonPropertyName("questions")] IReadOnlyList<GoldQuestion> Questions,
    [property: JsonPropertyName("off_topic")] IReadOnlyList<string> OffTopic,
    [property: JsonPropertyName("held_out")] IReadOnlyList<GoldQuestion>? HeldOut = null)
{
    /// <summary>The held-out questions as a gold set of their own (no off-topic list).</summary>
    public GoldSet HeldOutSet => new(HeldOut ?? [], []);

    public const string RelativePath = "tests/PerfAspire.Tests/Docs/gold-set.json";

    public static GoldSet Load(string path) =>
        JsonSerializer.Deserialize<GoldSet>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} holds no gold set.");

    /// <summary>Finds the gold set by walking up from <paramref name="start"/> to the repository root.</summary>
    public static string Locate(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Cannot find {RelativePath} above {start ?? AppContext.BaseDirectory}.");
    }

    public async Task<GoldSetReport> EvaluateAsync(DocsQueries docs, CancellationToken cancellationToken = default)
    {
        var results = new List<QuestionResult>();
        foreach (var question in Questions)
        {
            var r = await docs.SearchMetricsAsync(question.Q, 5, cancellationToken);
            var top5 = r.Candidates.Take(5).Select(c => c.Metric).ToList();
            var found = question.Expected.Count(e => question.Satisfies(e, top5));
            results.Add(new QuestionResult(question, top5, [.. r.Candidates.Take(5).Select(c => c.Score)], r.Decision, r.Metric,
                (double)found / question.Expected.Count));
        }
        var offTopic = new List<(string, string)>();
        foreach (var q in OffTopic)
        {
            var r = await docs.SearchMetricsAsync(q, 5, cancellationToken);
            offTopic.Add((q, r.Decision));
        }
        return new GoldSetReport(results, offTopic);
    }
}

public sealed record QuestionResult(GoldQuestion Question, IReadOnlyList<string> Top5, IReadOnlyList<double> Scores, string Decision, string? Chosen, double Recall)
{
    public bool AutoCorrect => Decision == MetricDecision.Auto && Chosen is not null && Question.Accepts(Chosen);
}

public sealed record GoldSetReport(IReadOnlyList<QuestionResult> Results, IReadOnlyList<(string Question, string Decision)> OffTopic)
{
    /// <summary>Mean over questions of the share of expected metrics found in the top 5.</summary>
    public double RecallAt5 => Results.Average(r => r.Recall);

    public int AutoCount => Results.Count(r => r.Decision == MetricDecision.Auto) + OffTopicAuto;

    public int AutoCorrect => Results.Count(r => r.AutoCorrect);

    /// <summary>Correct auto decisions / all auto decisions (off-topic questions decided auto count as wrong); 1 when there were none.</summary>
    public double AutoPrecision => AutoCount == 0 ? 1 : (double)AutoCorrect / AutoCount;

    public int OffTopicAuto => OffTopic.Count(o => o.Decision == MetricDecision.Auto);

    public string Format(bool details)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"gold set: {Results.Count} questions, {OffTopic.Count} off-topic");
        sb.AppendLine($"recall@5 = {RecallAt5:F3}");
        sb.AppendLine($"auto precision = {AutoPrecision:F3} ({AutoCorrect}/{AutoCount} auto decisions correct; off-topic auto: {OffTopicAuto})");
        sb.AppendLine($"decisions: auto {Results.Count(r => r.Decision == MetricDecision.Auto)}, ambiguous {Results.Count(r => r.Decision == MetricDecision.Ambiguous)}, no_match {Results.Count(r => r.Decision == MetricDecision.NoMatch)}");
        foreach (var r in Results.Where(r => details || r.Recall < 1 || (r.Decision == MetricDecision.Auto && !r.AutoCorrect)))
        {
            sb.AppendLine($"  [{r.Recall:F2} {r.Decision}{(r.Chosen is null ? "" : " " + r.Chosen)}] {r.Question.Q} -> expected {string.Join(",", r.Question.Expected)}");
            sb.AppendLine($"      top5: {string.Join(", ", r.Top5.Zip(r.Scores, (m, s) => $"{m} {s:F2}"))}");
        }
        foreach (var (q, d) in OffTopic) sb.AppendLine($"  off-topic [{d}] {q}");
        return sb.ToString();
    }
}
