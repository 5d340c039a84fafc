using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Statements over the docs service's embedding cache (<c>doc_embeddings</c>, declared in the migration script):
/// read one model's vectors, write changed ones, drop those of passages that no longer exist.
/// </summary>
public static class EmbeddingSql
{
    /// <summary>Rows (doc_id, content_hash, embedding) of one model.</summary>
    public static RenderedQuery Load(string schema, string modelId)
    {
        var p = new QueryParameters();
        return p.Query($"SELECT doc_id, content_hash, embedding FROM {Table(schema)} WHERE model_id = {p.Add("model_id", modelId)}");
    }

    /// <summary>
    /// Inserts or replaces the vectors of <paramref name="ids"/> in one statement: the vectors travel as one flat
    /// real[] of <paramref name="dimensions"/> values per row and are sliced back per row.
    /// </summary>
    public static RenderedQuery Upsert(string schema, string modelId, string[] ids, string[] hashes, float[] flatVectors, int dimensions)
    {
        var p = new QueryParameters();
        var model = p.Add("model_id", modelId);
        var idList = p.Add("doc_ids", ids);
        var hashList = p.Add("content_hashes", hashes);
        var vectors = p.Add("vectors", flatVectors);
        var dims = p.Add("dimensions", dimensions);
        return p.Query($"""
            INSERT INTO {Table(schema)} (doc_id, model_id, content_hash, embedding, updated_at)
            SELECT u.id, {model}, u.hash, ({vectors}::real[])[((u.ord - 1) * {dims} + 1)::int:(u.ord * {dims})::int], now()
            FROM unnest({idList}::text[], {hashList}::text[]) WITH ORDINALITY AS u(id, hash, ord)
            ON CONFLICT (doc_id, model_id) DO UPDATE
            SET content_hash = EXCLUDED.content_hash, embedding = EXCLUDED.embedding, updated_at = EXCLUDED.updated_at
            """);
    }

    /// <summary>Deletes the model's rows whose doc_id is not among <paramref name="liveIds"/>.</summary>
    public static RenderedQuery Prune(string schema, string modelId, string[] liveIds)
    {
        var p = new QueryParameters();
        return p.Query($"DELETE FROM {Table(schema)} WHERE model_id = {p.Add("model_id", modelId)} AND NOT (doc_id = ANY({p.Add("doc_ids", liveIds)}))");
    }

    static string Table(string schema) => SqlIdentifier.Qualify(schema, "doc_embeddings");
}
