namespace PerfAspire.Schema;

/// <summary>
/// One line that says why something could not be used. The outer message often names only what failed ("Failed to
/// connect to 127.0.0.1:5432", "The type initializer for '...NativeMethods' threw an exception"); the innermost
/// error is the part a user can act on ("Connection refused", "Unable to load shared library 'onnxruntime'"), so it
/// is appended, shortened when a loader lists every path it tried.
/// </summary>
public static class FailureCause
{
    const int MaxCause = 300;

    public static string Describe(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ").Trim();
        var inner = e.InnerException;
        while (inner?.InnerException is not null) inner = inner.InnerException;
        var cause = inner?.Message.ReplaceLineEndings(" ").Trim();
        if (string.IsNullOrEmpty(cause) || message.Contains(cause, StringComparison.Ordinal)) return message;
        return $"{message.TrimEnd('.')}: {(cause.Length > MaxCause ? cause[..MaxCause] + "..." : cause)}";
    }
}
