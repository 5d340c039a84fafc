using System.Numerics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Embeddings;

namespace PerfAspire.Docs.Search;

/// <summary>One doc's score for a query: <see cref="Score"/> in [0, 1] is what ranking and decisions use.</summary>
public readonly record struct ScoredDoc(Doc Doc, double Score, double Lexical, double Semantic, MatchKind Match);

/// <summary>
/// The in-memory search index: BM25 over the docs' weighted fields plus one unit vector per passage.
/// <para>Score of a doc for a query (all parts in [0, 1]):</para>
/// <list type="bullet">
/// <item>lexical = BM25 / (sum of the query terms' IDF), capped at 1 (<see cref="Bm25Index.ScoreNormalised"/>);</item>
/// <item>semantic = (best passage cosine − CosineFloor) / (CosineCeiling − CosineFloor), clamped;</item>
/// <item>fused = LexicalWeight × lexical + (1 − LexicalWeight) × semantic;</item>
/// <item>boosts replace the fused score when higher: exact metric name or alias in the query → 1.0,
///   query words = the metric's name words → NameWordsScore, exact record group or table → NameWordsScore for its L2 doc.</item>
/// </list>
/// Both parts are absolute (not relative to the best hit), so a query the corpus cannot answer gets low
/// scores and the no_match floor means something.
/// </summary>
public sealed class DocsIndex
{
    readonly Bm25Index _bm25;
    readonly float[][] _unitVectors;
    readonly int[] _unitDoc;
    readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    readonly Dictionary<string, List<int>> _byNameWords = new(StringComparer.Ordinal);
    readonly Dictionary<string, int> _pluginByName = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<Doc, int> _indexOf = new(ReferenceEqualityComparer.Instance);

    DocsIndex(DocCorpus corpus, IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<EmbeddingUnit> units, EmbeddingSyncResult sync)
    {
        Corpus = corpus;
        Sync = sync;
        _generator = generator;
        _bm25 = new Bm25Index([.. corpus.Docs.Select(d => d.Fields)]);
        _unitVectors = sync.Vectors;
        _unitDoc = [.. units.Select(u => u.DocIndex)];
        for (var i = 0; i < corpus.Docs.Count; i++)
        {
            var d = corpus.Docs[i];
            _indexOf[d] = i;
            if (d.Level == DocLevel.L1 && d.Metric is not null)
            {
                foreach (var name in d.Aliases.Prepend(d.Metric))
                {
                    var key = NameWordsKey(TextNormalizer.Tokens(name));
                    if (!_byNameWords.TryGetValue(key, out var list)) _byNameWords[key] = list = [];
                    if (!list.Contains(i)) list.Add(i);
                }
            }
            else if (d.Level == DocLevel.L2)
            {
                _pluginByName[d.Group!] = i;
                _pluginByName[d.Table!] = i;
            }
        }
    }

    public DocCorpus Corpus { get; }

    /// <summary>How the vectors were obtained (cache hits, computed, warnings).</summary>
    public EmbeddingSyncResult Sync { get; }

    public static Task<DocsIndex> BuildAsync(DocCorpus corpus, IEmbeddingGenerator<string, Embedding<float>> generator,
        IEmbeddingStore? store, string modelId, ILogger logger, CancellationToken cancellationToken) =>
        BuildAsync(corpus, generator, store is null ? [] : [store], modelId, logger, cancellationToken);

    /// <param name="stores">Vector caches, most authoritative first (see <see cref="EmbeddingSync"/>).</param>
    public static async Task<DocsIndex> BuildAsync(DocCorpus corpus, IEmbeddingGenerator<string, Embedding<float>> generator,
        IReadOnlyList<IEmbeddingStore> stores, string modelId, ILogger logger, CancellationToken cancellationToken)
    {
        var units = EmbeddingUnit.From(corpus.Docs);
        var sync = await new EmbeddingSync(generator, stores, logger).SyncAsync(units, modelId, cancellationToken);
        return new DocsIndex(corpus, generator, units, sync);
    }

    /// <summary>Scores every doc (unsorted); callers filter and sort.</summary>
    public async Task<ScoredDoc[]> ScoreAsync(string query, SearchSettings settings, CancellationToken cancellationToken)
    {
        var tokens = TextNormalizer.Tokens(query);
        var lexical = _bm25.ScoreNormalised(tokens);
        var queryVector = await EmbedAsync(query, cancellationToken);
        var semantic = new double[Corpus.Docs.Count];
        for (var u = 0; u < _unitVectors.Length; u++)
        {
            var cos = Dot(queryVector, _unitVectors[u]);
            var d = _unitDoc[u];
            var s = Math.Clamp((cos - settings.CosineFloor) / (settings.CosineCeiling - settings.CosineFloor), 0, 1);
            if (s > semantic[d]) semantic[d] = s;
        }

        var results = new ScoredDoc[Corpus.Docs.Count];
        var w = settings.LexicalWeight;
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = new ScoredDoc(Corpus.Docs[i], w * lexical[i] + (1 - w) * semantic[i], lexical[i], semantic[i], MatchKind.Text);
        }

        if (tokens.Count > 0 && _byNameWords.TryGetValue(NameWordsKey(tokens), out var named))
        {
            foreach (var i in named) Boost(results, i, settings.NameWordsScore, MatchKind.NameWords);
        }
        foreach (var word in RawWords(query))
        {
            if (_pluginByName.TryGetValue(word, out var p)) Boost(results, p, settings.NameWordsScore, MatchKind.Group);
            var canonical = Corpus.Canonical(word);
            if (canonical is null) continue;
            var doc = Corpus.MetricDoc(canonical)!;
            Boost(results, _indexOf[doc], 1.0, Corpus.IsAlias(word) ? MatchKind.Alias : MatchKind.ExactName);
        }
        return results;
    }

    /// <summary>The score becomes at least <paramref name="score"/>; the match names the strongest reason that applied.</summary>
    static void Boost(ScoredDoc[] results, int i, double score, MatchKind match)
    {
        var current = results[i];
        results[i] = current with { Score = Math.Max(score, current.Score), Match = match > current.Match ? match : current.Match };
    }

    async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var e = await _generator.GenerateAsync([text], null, cancellationToken);
        return EmbeddingSync.Normalise(e[0].Vector.ToArray());
    }

    /// <summary>Words as written, split on anything that cannot be part of a metric, alias, group or table name.</summary>
    public static IEnumerable<string> RawWords(string query) =>
        query.Split([' ', '\t', '\n', '\r', ',', ';', '?', '!', '"', '\'', '`', '(', ')', '[', ']', '{', '}', '='], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.TrimEnd('.', ':'))
            .Where(w => w.Length > 0);

    static string NameWordsKey(IEnumerable<string> tokens) => string.Join(' ', tokens.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    static double Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        }
        var s = Vector.Sum(sum);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }
}
