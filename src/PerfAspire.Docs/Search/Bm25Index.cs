using PerfAspire.Docs.Corpus;

namespace PerfAspire.Docs.Search;

/// <summary>
/// Okapi BM25 over normalised tokens (<see cref="TextNormalizer"/>). A doc is a bag of weighted fields
/// (name x3, aliases x3, title x2, body x1 ...): a field weight multiplies the term frequency, which is the
/// usual cheap stand-in for BM25F.
/// </summary>
public sealed class Bm25Index
{
    const float K1 = 1.2f;
    const float B = 0.75f;

    readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    readonly List<List<(int Doc, float Tf)>> _postings = [];
    readonly float[] _docLength;
    readonly float _avgLength;
    readonly int _docCount;

    public Bm25Index(IReadOnlyList<IReadOnlyList<WeightedText>> docs)
    {
        _docCount = docs.Count;
        _docLength = new float[docs.Count];
        for (var d = 0; d < docs.Count; d++)
        {
            var tf = new Dictionary<int, float>();
            foreach (var field in docs[d])
            {
                foreach (var token in TextNormalizer.Tokens(field.Text))
                {
                    var id = TermId(token);
                    tf[id] = tf.GetValueOrDefault(id) + field.Weight;
                    _docLength[d] += field.Weight;
                }
            }
            foreach (var (id, f) in tf) _postings[id].Add((d, f));
        }
        _avgLength = docs.Count == 0 ? 1 : Math.Max(1f, _docLength.Average());
    }

    int TermId(string token)
    {
        if (!_termIds.TryGetValue(token, out var id))
        {
            id = _postings.Count;
            _termIds.Add(token, id);
            _postings.Add([]);
        }
        return id;
    }

    public bool Contains(string normalisedToken) => _termIds.ContainsKey(normalisedToken);

    float Idf(int df) => MathF.Log(1f + (_docCount - df + 0.5f) / (df + 0.5f));

    /// <summary>
    /// Scores every doc against the query tokens, normalised to [0, 1] as
    /// (BM25 / best BM25 of this query) × coverage, where coverage = IDF of the query terms the doc contains /
    /// IDF of all query terms. The first factor keeps BM25's ranking; the second keeps the score absolute:
    /// a doc holding only the common half of a query cannot score high, and terms unknown to the corpus
    /// count with the highest IDF, so a query the corpus cannot explain lexically scores low everywhere.
    /// </summary>
    public float[] ScoreNormalised(IReadOnlyCollection<string> queryTokens)
    {
        var scores = new float[_docCount];
        var covered = new float[_docCount];
        var idfSum = 0f;
        foreach (var token in queryTokens.Distinct(StringComparer.Ordinal))
        {
            if (!_termIds.TryGetValue(token, out var id))
            {
                idfSum += Idf(0);
                continue;
            }
            var postings = _postings[id];
            var idf = Idf(postings.Count);
            idfSum += idf;
            foreach (var (doc, tf) in postings)
            {
                var norm = K1 * (1 - B + B * _docLength[doc] / _avgLength);
                scores[doc] += idf * tf * (K1 + 1) / (tf + norm);
                // A term met only in low-weight context (group summary, labels) covers the query only partly.
                covered[doc] += idf * Math.Min(1f, tf);
            }
        }
        var best = scores.Length == 0 ? 0 : scores.Max();
        if (idfSum <= 0 || best <= 0) return new float[_docCount];
        for (var i = 0; i < scores.Length; i++) scores[i] = scores[i] / best * Math.Min(1f, covered[i] / idfSum);
        return scores;
    }
}
