using System.Text;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// The first gate for SQL a client wrote (query_sql): exactly one statement, starting with SELECT or WITH, calling
/// none of the functions that change session settings, read server files or signal other sessions. It reads the
/// text the way PostgreSQL's lexer does for the parts that matter here — quoted strings, quoted identifiers,
/// dollar quoting and comments are skipped — so a keyword inside a literal neither passes nor fails a statement.
/// It is not the boundary on its own: the statement also runs in a READ ONLY transaction, on a connection that
/// logged in as the reader role, under a statement timeout.
/// </summary>
public static class ClientSql
{
    public const int MaxLength = 20_000;

    /// <summary>Functions refused by name: session settings (a way round the statement timeout), server files, large objects, signals, remote connections.</summary>
    static readonly HashSet<string> RefusedFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "set_config", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file", "pg_ls_logdir", "pg_ls_waldir",
        "pg_ls_tmpdir", "pg_ls_archive_statusdir", "lo_import", "lo_export", "lo_get", "lo_put", "lo_from_bytea", "lo_unlink",
        "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile", "dblink", "dblink_exec",
        "dblink_connect", "pg_file_write", "pg_logdir_ls", "pg_advisory_lock", "pg_advisory_xact_lock", "pg_notify",
    };

    /// <summary>Returns the statement without a trailing semicolon, or throws <c>query_not_permitted</c> / <c>invalid_argument</c>.</summary>
    public static string Check(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new ToolError("invalid_argument", "sql is empty.", next: "Give one SELECT or WITH statement, e.g. the sql of query_build_sql.");
        if (sql.Length > MaxLength) throw new ToolError("invalid_argument", $"sql is longer than {MaxLength} characters.");
        var (code, statementEnd) = Strip(sql);
        var words = Words(code);
        if (words.Count == 0) throw new ToolError("invalid_argument", "sql holds no statement (only comments).");
        var first = words[0].Word.ToUpperInvariant();
        if (first is not ("SELECT" or "WITH"))
        {
            throw NotPermitted($"Only one SELECT or WITH statement is run; this one starts with {Text.Clip(words[0].Word, 30).ToUpperInvariant()}.");
        }
        foreach (var (word, callsFunction) in words)
        {
            if (callsFunction && RefusedFunctions.Contains(word)) throw NotPermitted($"{word.ToLowerInvariant()}() is not allowed in query_sql.");
        }
        return sql[..statementEnd].TrimEnd();
    }

    static ToolError NotPermitted(string message) => new("query_not_permitted", message,
        next: "query_sql runs one read-only SELECT/WITH over the perf schema; query_build_sql shows a statement to start from.");

    /// <summary>The text with literals and comments blanked out, and where the single statement ends.</summary>
    static (string Code, int StatementEnd) Strip(string sql)
    {
        var code = new StringBuilder(sql.Length);
        var end = sql.Length;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '-' && next == '-')
            {
                while (i < sql.Length && sql[i] != '\n') Blank(code, ref i);
            }
            else if (c == '/' && next == '*')
            {
                var depth = 0;
                do
                {
                    if (i + 1 < sql.Length && sql[i] == '/' && sql[i + 1] == '*') { depth++; Blank(code, ref i); }
                    else if (i + 1 < sql.Length && sql[i] == '*' && sql[i + 1] == '/') { depth--; Blank(code, ref i); }
                    Blank(code, ref i);
                } while (depth > 0 && i < sql.Length);
                if (depth > 0) throw new ToolError("invalid_argument", "sql has an unterminated /* comment.");
            }
            else if (c == '\'')
            {
                // E'...' allows backslash escapes; '' is a quote inside any string.
                var escapes = i > 0 && (sql[i - 1] is 'e' or 'E') && (i < 2 || !char.IsLetterOrDigit(sql[i - 2]) && sql[i - 2] != '_');
                Blank(code, ref i);
                while (true)
                {
                    if (i >= sql.Length) throw new ToolError("invalid_argument", "sql has an unterminated string literal.");
                    if (escapes && sql[i] == '\\') { Blank(code, ref i); if (i < sql.Length) Blank(code, ref i); continue; }
                    if (sql[i] == '\'')
                    {
                        Blank(code, ref i);
                        if (i < sql.Length && sql[i] == '\'') { Blank(code, ref i); continue; }
                        break;
                    }
                    Blank(code, ref i);
                }
            }
            else if (c == '"')
            {
                // A quoted identifier stays a word (it may name a function) but its inside cannot end the statement.
                var start = i;
                i++;
                while (true)
                {
                    if (i >= sql.Length) throw new ToolError("invalid_argument", "sql has an unterminated quoted identifier.");
                    if (sql[i] == '"') { i++; if (i < sql.Length && sql[i] == '"') { i++; continue; } break; }
                    i++;
                }
                code.Append(' ').Append(sql.AsSpan(start + 1, i - start - 2).ToString().Replace("\"\"", "\"").Replace(';', ' ')).Append(' ');
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                if (close < 0) throw new ToolError("invalid_argument", "sql has an unterminated dollar-quoted string.");
                while (i < close + tag.Length) Blank(code, ref i);
            }
            else if (c == ';')
            {
                code.Append(' ');
                i++;
                // Only whitespace and comments may follow the one statement.
                var rest = Strip(sql[i..]).Code;
                if (!string.IsNullOrWhiteSpace(rest)) throw NotPermitted("Only one statement is run: remove everything after the first ';'.");
                end = i - 1;
                break;
            }
            else
            {
                code.Append(c);
                i++;
            }
        }
        return (code.ToString(), end);
    }

    static void Blank(StringBuilder code, ref int i)
    {
        code.Append(' ');
        i++;
    }

    /// <summary>A dollar-quote opening tag at i ($$ or $tag$), or null ($1 is a parameter).</summary>
    static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        while (j < sql.Length && (char.IsLetterOrDigit(sql[j]) || sql[j] == '_')) j++;
        if (j >= sql.Length || sql[j] != '$') return null;
        var tag = sql[i..(j + 1)];
        return tag.Length > 2 && char.IsDigit(tag[1]) ? null : tag;
    }

    /// <summary>The words of the code, each with whether it is called as a function (followed by '(').</summary>
    static List<(string Word, bool CallsFunction)> Words(string code)
    {
        var words = new List<(string, bool)>();
        var i = 0;
        while (i < code.Length)
        {
            if (char.IsLetter(code[i]) || code[i] == '_')
            {
                var start = i;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] is '_' or '$')) i++;
                var j = i;
                while (j < code.Length && char.IsWhiteSpace(code[j])) j++;
                words.Add((code[start..i], j < code.Length && code[j] == '('));
            }
            else
            {
                i++;
            }
        }
        return words;
    }
}
