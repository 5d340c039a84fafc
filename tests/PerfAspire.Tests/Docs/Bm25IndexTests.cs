using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Search;

namespace PerfAspire.Tests.Docs;

public sealed class Bm25IndexTests
{
    static Bm25Index Index(params string[] docs) => new([.. docs.Select(d => (IReadOnlyList<WeightedText>)[new WeightedText(d, 1f)])]);

    [Fact]
    public void The_doc_with_all_query_terms_ranks_first_and_scores_are_normalised()
    {
        var index = Index("disk busy percent of the device", "cpu busy percent", "network packets received", "disk queue length");
        var scores = index.ScoreNormalised(TextNormalizer.Tokens("disk busy"));
        Assert.Equal(0, Array.IndexOf(scores, scores.Max()));
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        Assert.Equal(0f, scores[2]);
    }

    [Fact]
    public void Terms_the_corpus_does_not_know_lower_every_score()
    {
        var index = Index("disk busy percent", "cpu busy percent", "network packets");
        var known = index.ScoreNormalised(TextNormalizer.Tokens("disk busy"));
        var withUnknown = index.ScoreNormalised(TextNormalizer.Tokens("disk busy zebra"));
        Assert.True(withUnknown[0] < known[0], $"{withUnknown[0]} should be below {known[0]}");
    }

    [Fact]
    public void Field_weights_raise_a_term_in_a_heavy_field()
    {
        var index = new Bm25Index(
        [
            [new WeightedText("timeout", 3f), new WeightedText("proxy upstream", 1f)],
            [new WeightedText("reconnect", 3f), new WeightedText("timeout proxy upstream", 1f)],
        ]);
        var scores = index.ScoreNormalised(TextNormalizer.Tokens("timeout"));
        Assert.True(scores[0] > scores[1]);
    }

    [Fact]
    public void A_query_without_tokens_scores_zero_everywhere()
    {
        var index = Index("disk busy", "cpu");
        Assert.All(index.ScoreNormalised([]), s => Assert.Equal(0f, s));
    }
}
