namespace PerfAspire.Ingest.Parsing;

/// <summary>Accounting for one line prefix. <c>Lines = DataLines + TextLines + MalformedLines + OrphanLines + HeaderLines</c>.</summary>
public sealed class PrefixStats
{
    public const int MaxSamples = 5;

    public long Lines { get; set; }
    public long DataLines { get; set; }
    public long TextLines { get; set; }
    public long MalformedLines { get; set; }
    public long OrphanLines { get; set; }
    public long HeaderLines { get; set; }
    public long Rows { get; set; }
    public long TextRecords { get; set; }

    /// <summary>Up to <see cref="MaxSamples"/> malformed lines (cut to <see cref="MalformedSample.MaxTextChars"/> characters).</summary>
    public List<MalformedSample> MalformedSamples { get; set; } = [];
}
