namespace PerfAspire.Schema.Sql;

/// <summary>
/// Role names derived from the schema (<c>perf</c> gives <c>perf_reader</c> and <c>perf_writer</c>). Both are
/// NOLOGIN group roles: a service connects as its own user and switches with <c>SET LOCAL ROLE</c>.
/// </summary>
public static class SchemaRoles
{
    /// <summary>USAGE on the schema and SELECT on every table and view in it, now and later; nothing else.</summary>
    public static string ReaderFor(string schema) => schema + "_reader";

    /// <summary>Reader rights plus INSERT/UPDATE/DELETE on the tables and use of their sequences (ingestion).</summary>
    public static string WriterFor(string schema) => schema + "_writer";
}
