namespace PerfAspire.Ingest.Parsing;

/// <summary>Limits that keep memory bounded whatever the input.</summary>
public sealed record ParserOptions
{
    /// <summary>Longer lines are skipped and counted as malformed (with a short sample). ptop's longest real lines are a few KiB.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>Read buffer; must exceed <see cref="MaxLineBytes"/>.</summary>
    public int ReadBufferBytes { get; init; } = 1 << 20;

    /// <summary>A DB/SNIC block longer than this is cut into several text records (same prefix).</summary>
    public int MaxTextRecordChars { get; init; } = 64 * 1024;

    public static ParserOptions Default { get; } = new();
}
