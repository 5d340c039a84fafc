namespace PerfAspire.Schema.Sql;

/// <summary>
/// Tables of the docs service: the embedding cache (architecture.md §5). Owned by the docs service;
/// included verbatim by the migration script (<c>{schema}</c> = target schema).
/// </summary>
public static class DocsDdl
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
