namespace PerfAspire.Schema.Sql;

/// <summary>
/// The only way a name reaches generated SQL. Spec and catalog names are restricted to lower-case ASCII
/// identifiers, so quoting is needed only for the handful that collide with PostgreSQL reserved words;
/// quoting nothing else keeps the generated script readable and stable.
/// </summary>
public static class SqlIdentifier
{
    /// <summary>PostgreSQL's maximum identifier length (NAMEDATALEN - 1).</summary>
    public const int MaxLength = 63;

    // PostgreSQL "reserved" and "reserved (can be function or type)" key words (docs appendix C), lower case.
    static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary", "both",
        "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
        "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
        "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch",
        "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner",
        "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
        "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
        "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user", "similar",
        "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union", "unique",
        "user", "using", "variadic", "verbose", "when", "where", "window", "with",
    };

    /// <summary>True for <c>[a-z_][a-z0-9_]*</c> of at most 63 characters (reserved words allowed; they get quoted).</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength) return false;
        if (!(name[0] is (>= 'a' and <= 'z') or '_')) return false;
        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        }
        return true;
    }

    public static bool IsReserved(string name) => Reserved.Contains(name);

    /// <summary>The name as it must appear in SQL; throws for anything that is not a valid identifier.</summary>
    public static string Quote(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid SQL identifier (lower-case letters, digits and '_', starting with a letter or '_', at most {MaxLength} characters).", nameof(name));
        }
        return Reserved.Contains(name) ? "\"" + name + "\"" : name;
    }

    /// <summary>
    /// Any name, always in double quotes (a quote inside doubled): for names read back from the database or written by
    /// ingestion into COPY and row statements, whose text stays the same whatever they hold.
    /// </summary>
    public static string Delimited(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>schema.name</c>, each part checked and quoted as needed.</summary>
    public static string Qualify(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>A SQL string literal (standard_conforming_strings on: only the quote is doubled).</summary>
    public static string Literal(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''") + "'";
}
