namespace PerfAspire.Schema.Sql;

/// <summary>
/// Tables of the docs service: the embedding cache, part of the migration script like every other table
/// (<c>{schema}</c> = target schema); the docs service runs no DDL of its own. One row per embedded passage: <c>doc_id</c> is the doc id, or <c>&lt;doc id&gt;#&lt;n&gt;</c>
/// for the n-th passage of a concept doc cut into sections; <c>content_hash</c> is the SHA-256 of the
/// passage text, so a changed passage is re-embedded and an unchanged one never is.
/// </summary>
internal static class DocsDdl
{
    public const string Script = """
        CREATE TABLE IF NOT EXISTS {schema}.doc_embeddings (
          doc_id TEXT NOT NULL,
          model_id TEXT NOT NULL,
          content_hash TEXT NOT NULL,
          embedding REAL[] NOT NULL,
          updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
          PRIMARY KEY (doc_id, model_id)
        );
        """;
}
