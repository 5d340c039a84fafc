namespace PerfAspire.Schema.Database;

/// <summary>A run-time schema change failed; the message names the table and the cause.</summary>
public sealed class SchemaAutoUpdateException(string message, Exception? inner = null, string code = SchemaAutoUpdateException.FailedCode) : Exception(message, inner)
{
    public const string FailedCode = "schema_update_failed";

    /// <summary>A table would pass SCHEMA_MAX_TABLE_COLUMNS.</summary>
    public const string ColumnCapCode = "schema_column_cap";

    public string Code { get; } = code;
}
