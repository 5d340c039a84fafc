using System.Security.Cryptography;
using System.Text;
using PerfAspire.Docs.Corpus;

namespace PerfAspire.Docs.Embeddings;

/// <summary>
/// One passage to embed. A doc with one passage uses its doc id; a concept doc cut in several passages
/// uses <c>&lt;doc id&gt;#&lt;n&gt;</c>. <see cref="ContentHash"/> (SHA-256 of the text) decides whether a
/// cached vector is still valid.
/// </summary>
public sealed record EmbeddingUnit(string UnitId, int DocIndex, string Text, string ContentHash)
{
    public static IReadOnlyList<EmbeddingUnit> From(IReadOnlyList<Doc> docs)
    {
        var units = new List<EmbeddingUnit>();
        for (var d = 0; d < docs.Count; d++)
        {
            var texts = docs[d].EmbeddingTexts;
            for (var i = 0; i < texts.Count; i++)
            {
                var id = texts.Count == 1 ? docs[d].Id : $"{docs[d].Id}#{i}";
                units.Add(new EmbeddingUnit(id, d, texts[i], Hash(texts[i])));
            }
        }
        return units;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

/// <summary>A vector as stored in a cache, with the hash of the text it was computed from.</summary>
public sealed record CachedEmbedding(string ContentHash, float[] Vector);
