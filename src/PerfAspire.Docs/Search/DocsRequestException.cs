namespace PerfAspire.Docs.Search;

/// <summary>
/// A request the docs service cannot answer as asked: bad argument (400), unknown id or alias (404), index
/// still building (503). <see cref="Error"/> is the stable token of the API's error body.
/// </summary>
public sealed class DocsRequestException(int status, string error, string message, IReadOnlyList<string>? suggestions = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Error { get; } = error;
    public IReadOnlyList<string> Suggestions { get; } = suggestions ?? [];

    public static DocsRequestException Invalid(string message, IReadOnlyList<string>? suggestions = null) =>
        new(400, "invalid_argument", message, suggestions);

    public static DocsRequestException NotReady(string message) => new(503, "docs_not_ready", message);
}
