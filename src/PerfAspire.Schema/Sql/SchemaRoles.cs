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

    /// <summary>
    /// Lets a role log in with a password and nothing more (no superuser, role or database creation, no RLS bypass):
    /// how client SQL gets a login of its own as the reader role. ALTER ROLE takes no bind parameters, so the
    /// password is written as a quoted literal; callers pass only passwords they made (configured or generated).
    /// </summary>
    public static string GrantLogin(string role, string password) =>
        $"ALTER ROLE {SqlIdentifier.Quote(role)} WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD '{password.Replace("'", "''")}'";

    /// <summary>
    /// Boolean: the session's login may act beyond reading (superuser, CREATEROLE or BYPASSRLS), so client SQL must
    /// not run on it.
    /// </summary>
    public const string SessionIsPrivileged = "SELECT rolsuper OR rolcreaterole OR rolbypassrls FROM pg_roles WHERE rolname = session_user";
}
