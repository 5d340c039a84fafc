using System.Globalization;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Session and lock statements the services run around their queries: the set-up of a read-only query transaction,
/// and the advisory locks ingestion serialises loads and purges on. Values are positional parameters where there are
/// any; the numbers written into the text are the services' own (settings and constants), never user input.
/// </summary>
public static class SessionSql
{
    /// <summary>
    /// The statements that open a read-only query transaction, in order: read only, the reader role when given, the
    /// search path (unqualified functions such as time_bucket resolve in <paramref name="schema"/>, then public) and
    /// the statement timeout in milliseconds.
    /// </summary>
    public static IReadOnlyList<string> ReadOnlyTransaction(string schema, string? role, int statementTimeoutMs)
    {
        var list = new List<string> { "SET TRANSACTION READ ONLY" };
        if (!string.IsNullOrEmpty(role)) list.Add("SET LOCAL ROLE " + SqlIdentifier.Quote(role));
        list.Add($"SET LOCAL search_path TO {SqlIdentifier.Quote(schema)}, public");
        list.Add("SET LOCAL statement_timeout = " + statementTimeoutMs.ToString(CultureInfo.InvariantCulture));
        return list;
    }

    /// <summary>How long the session waits for a lock before failing (lock_not_available), in milliseconds.</summary>
    public static string LockTimeout(long milliseconds) => "SET lock_timeout = " + milliseconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Waits for the session advisory lock <paramref name="key"/> in shared mode.</summary>
    public static string LockShared(long key) => "SELECT pg_advisory_lock_shared(" + key.ToString(CultureInfo.InvariantCulture) + ")";

    /// <summary>$1 key: one boolean, whether the session advisory lock was taken (without waiting).</summary>
    public const string TryLock = "SELECT pg_try_advisory_lock($1)";

    /// <summary>$1 key: waits for the session advisory lock.</summary>
    public const string Lock = "SELECT pg_advisory_lock($1)";

    /// <summary>$1 key: releases the session advisory lock.</summary>
    public const string Unlock = "SELECT pg_advisory_unlock($1)";

    /// <summary>Marks a savepoint inside the transaction, so one failing statement does not end it.</summary>
    public static string Savepoint(string name) => "SAVEPOINT " + SqlIdentifier.Quote(name);

    /// <summary>Undoes the work since the savepoint (the transaction carries on).</summary>
    public static string RollbackTo(string name) => "ROLLBACK TO SAVEPOINT " + SqlIdentifier.Quote(name);

    /// <summary>Forgets the savepoint, keeping its work.</summary>
    public static string Release(string name) => "RELEASE SAVEPOINT " + SqlIdentifier.Quote(name);
}
