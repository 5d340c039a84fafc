using System.Net.Sockets;
using Npgsql;

namespace PerfAspire.Mcp.Responses;

/// <summary>Maps database exceptions to the error codes a model can act on; the SQL state decides, not the message text.</summary>
public static class DatabaseErrors
{
    public static ToolError? Describe(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } =>
            new ToolError("query_timeout", "The query ran longer than the statement timeout and was cancelled.",
                next: "Narrow the window (start/end), add label filters, or use a larger step_seconds."),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ReadOnlySqlTransaction } pe =>
            new ToolError("query_not_permitted", $"The read-only query role refused the statement ({pe.SqlState}).",
                next: "Queries are read-only; use the support_* tools to change bundles."),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedObject } pe when pe.MessageText.Contains("role", StringComparison.OrdinalIgnoreCase) =>
            new ToolError("query_role_missing", "The read-only query role does not exist in the database, so no query is run.",
                next: "Start a service that runs the schema migration (it creates the role), or configure Mcp:Query:ReaderRole / a reader connection string."),
        PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName } =>
            new ToolError("schema_missing", "The PerfAspire tables are not in the database yet (the schema migration has not run).",
                next: "Start the ingest service (it migrates the schema) or load a bundle with support_load_bundle."),
        PostgresException pe =>
            new ToolError("query_failed", $"The database rejected the query: {pe.MessageText} ({pe.SqlState}).",
                next: "Check the arguments; query_build_sql shows the SQL that would run."),
        NpgsqlException or SocketException or TimeoutException =>
            new ToolError("timescale_unavailable", $"The database cannot be reached right now ({PerfAspire.Schema.FailureCause.Describe(e)}).",
                next: "Call system_health to see the database status, then retry."),
        _ => null,
    };
}
