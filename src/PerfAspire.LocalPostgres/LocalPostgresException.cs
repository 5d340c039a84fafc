namespace PerfAspire.LocalPostgres;

/// <summary>
/// Local PostgreSQL cannot be started or used as asked. The message is one line that names the directory or
/// setting at fault and the fix; callers print it as it is, without a stack trace.
/// </summary>
public sealed class LocalPostgresException(string message) : Exception(message);
