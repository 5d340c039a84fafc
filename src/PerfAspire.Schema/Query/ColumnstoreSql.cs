using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// The statements that keep a loaded bundle in TimescaleDB's columnstore: its hypertables' chunks, the rows of a
/// bundle still in a chunk's row store, and the compression of such a chunk. Values are positional parameters.
/// </summary>
public static class ColumnstoreSql
{
    /// <summary>$1 chunk (qualified name): compresses it unless it already is.</summary>
    public const string CompressChunk = "SELECT compress_chunk($1::regclass, if_not_compressed => true)";

    /// <summary>One boolean: whether the server has TimescaleDB's chunk view (false on plain PostgreSQL).</summary>
    public const string ChunkViewExists = "SELECT to_regclass('timescaledb_information.chunks') IS NOT NULL";

    /// <summary>$1 schema, $2 hypertable: its chunks as qualified names, oldest first.</summary>
    public const string Chunks = """
        SELECT format('%I.%I', chunk_schema, chunk_name) FROM timescaledb_information.chunks
        WHERE hypertable_schema = $1 AND hypertable_name = $2 ORDER BY range_start
        """;

    /// <summary>
    /// $1 bundle_id: the bundle's rows in the chunk's own heap, i.e. not compressed (with ONLY, a query on a chunk does
    /// not read its compressed part); with <paramref name="exists"/> 1 when there is any, else 0. <paramref name="chunk"/>
    /// is a qualified name as <see cref="Chunks"/> gives it.
    /// </summary>
    public static string RowStoreRows(string chunk, bool exists) => exists
        ? $"SELECT CASE WHEN EXISTS (SELECT 1 FROM ONLY {chunk} WHERE bundle_id = $1) THEN 1 ELSE 0 END::bigint"
        : $"SELECT count(*) FROM ONLY {chunk} WHERE bundle_id = $1";
}
