namespace PerfAspire.Schema.Sql;

/// <summary>
/// Statements about the server rather than a schema: what the local PostgreSQL launcher runs before there is a schema
/// to speak of (the superuser's password, the services' database), and the version its health check reports.
/// </summary>
public static class ServerSql
{
    /// <summary>Sets the login password of <paramref name="role"/> (a literal: ALTER ROLE takes no parameters).</summary>
    public static string SetPassword(string role, string password) =>
        $"ALTER ROLE {SqlIdentifier.Quote(role)} PASSWORD {SqlIdentifier.Literal(password)}";

    /// <summary>$1 database name: one row when the database exists.</summary>
    public const string DatabaseExists = "SELECT 1 FROM pg_database WHERE datname = $1";

    /// <summary>Creates the database <paramref name="name"/> (any name, always delimited).</summary>
    public static string CreateDatabase(string name) => "CREATE DATABASE " + SqlIdentifier.Delimited(name);

    /// <summary>One text: the server's version string.</summary>
    public const string Version = "SELECT version()";
}
