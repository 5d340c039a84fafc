namespace PerfAspire.Docs.Corpus;

/// <summary>
/// One document of the corpus. <see cref="Body"/> is markdown written for an engineer or a model to read;
/// <see cref="Fields"/> are what keyword search indexes (with weights), <see cref="EmbeddingTexts"/> what the
/// embedding model sees (short passages: MiniLM reads at most a few hundred word pieces).
/// </summary>
public sealed record Doc
{
    public required string Id { get; init; }
    public required DocLevel Level { get; init; }
    public required string Title { get; init; }
    /// <summary>One or two sentences: what a search hit shows.</summary>
    public required string Summary { get; init; }
    public required string Body { get; init; }

    /// <summary>Record group as printed by ptop (DISK, FPPRXY, NET ifstat); null for concepts.</summary>
    public string? Group { get; init; }
    public string? Table { get; init; }
    /// <summary>The <c>metric_category</c> value of the group (cpu, disk, fastpath, ...).</summary>
    public string? Category { get; init; }
    /// <summary>The coarse load filter of the group (CPU, MEM, DISK, NET, TOP, SMAPS, DB, FASTPATH, OTHER).</summary>
    public string? Filter { get; init; }
    /// <summary>L1 only: public metric name (= view name).</summary>
    public string? Metric { get; init; }
    /// <summary>L1 only: gauge, rate, counter, delta, histogram_bucket, histogram_avg.</summary>
    public string? Kind { get; init; }
    public string? Unit { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<string> Labels { get; init; } = [];
    /// <summary>Ids of docs worth reading next.</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    public IReadOnlyList<WeightedText> Fields { get; init; } = [];
    public IReadOnlyList<string> EmbeddingTexts { get; init; } = [];
}

/// <summary>A piece of text indexed for keyword search; <see cref="Weight"/> multiplies its term frequencies.</summary>
public readonly record struct WeightedText(string Text, float Weight);
