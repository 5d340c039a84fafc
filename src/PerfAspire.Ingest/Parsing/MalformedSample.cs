namespace PerfAspire.Ingest.Parsing;

/// <summary>One malformed line kept for the load summary: where it was, its start, and why it was rejected.</summary>
public sealed record MalformedSample(long LineNo, string Text, string Reason)
{
    public const int MaxTextChars = 200;
}
