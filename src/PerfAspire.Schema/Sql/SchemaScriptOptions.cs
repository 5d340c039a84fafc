namespace PerfAspire.Schema.Sql;

/// <summary>What the generated script depends on besides the spec: the target schema and the database flavour.</summary>
/// <param name="Schema">Target schema (TIMESCALE_SCHEMA).</param>
/// <param name="Timescale">True when the timescaledb extension is installed: hypertables, compression, policy.</param>
/// <param name="ChunkDays">Hypertable chunk interval (TIMESCALE_CHUNK_DAYS).</param>
/// <param name="CompressionAfterDays">Compression policy age (TIMESCALE_COMPRESSION_AFTER_DAYS); 0 = no policy.</param>
public sealed record SchemaScriptOptions(string Schema = "perf", bool Timescale = false, int ChunkDays = 1, int CompressionAfterDays = 7)
{
    public static SchemaScriptOptions From(DatabaseSettings settings, bool timescale) =>
        new(settings.Schema, timescale, settings.ChunkDays, settings.CompressionAfterDays);
}
