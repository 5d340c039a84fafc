namespace PerfAspire.Schema.Database;

/// <summary>
/// One line that says why the database could not be used. Npgsql's own message names only the target ("Failed to
/// connect to 127.0.0.1:5432"); the socket or I/O error underneath is the part a user can act on ("Connection
/// refused", "Name or service not known", a timeout), so it is appended.
/// </summary>
public static class DatabaseFailure
{
    public static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        var inner = e.InnerException;
        while (inner?.InnerException is not null) inner = inner.InnerException;
        var cause = inner?.Message.ReplaceLineEndings(" ").Trim();
        return string.IsNullOrEmpty(cause) || message.Contains(cause, StringComparison.Ordinal) ? message : $"{message}: {cause}";
    }
}
