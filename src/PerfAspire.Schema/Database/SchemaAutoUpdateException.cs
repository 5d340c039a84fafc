namespace PerfAspire.Schema.Database;

/// <summary>A run-time schema change failed; the message names the table and the cause.</summary>
public sealed class SchemaAutoUpdateException(string message, Exception? inner = null) : Exception(message, inner);
