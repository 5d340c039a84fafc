namespace PerfAspire.Ingest.Writing;

/// <summary>Constants of PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html).</summary>
internal static class PgBinary
{
    /// <summary>Signature, flags (0) and header-extension length (0).</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Field count -1 ends the data.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xFF, 0xFF];

    /// <summary>Microseconds between the Unix epoch and PostgreSQL's (2000-01-01 UTC).</summary>
    public const long PostgresEpochMicros = 946_684_800_000_000L;
}

/// <summary>How a metric column's values are encoded, from its SQL type.</summary>
internal enum ColumnEncoding : byte
{
    Float8,
    Float4,
    Int8,
    Int4,
    Int2,
}

internal static class ColumnEncodings
{
    public static ColumnEncoding Of(string sqlType) => sqlType.Trim().ToLowerInvariant() switch
    {
        "double precision" or "float8" or "float" => ColumnEncoding.Float8,
        "real" or "float4" => ColumnEncoding.Float4,
        "bigint" or "int8" => ColumnEncoding.Int8,
        "integer" or "int" or "int4" => ColumnEncoding.Int4,
        "smallint" or "int2" => ColumnEncoding.Int2,
        _ => throw new InvalidOperationException($"metric SQL type '{sqlType}' has no binary COPY encoding in the writer"),
    };
}
