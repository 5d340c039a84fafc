namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// What happened to every line of one ptop log. Every line lands in exactly one of
/// <see cref="DataLines"/>, <see cref="TextLines"/>, <see cref="MalformedLines"/>, <see cref="OrphanLines"/>,
/// <see cref="BlankLines"/> or <see cref="HeaderLines"/>, so their sum equals <see cref="LinesRead"/>
/// (<see cref="InvariantHolds"/>). Plain data with public setters: serialise it as JSON into load summaries.
/// </summary>
public sealed class ParseStats
{
    /// <summary>Most distinct prefixes (and warning tokens) tracked one by one; the rest is summed under <see cref="OtherKey"/>.</summary>
    public const int MaxTrackedKeys = 256;

    public const string OtherKey = "*other*";

    /// <summary>Prefix bucket for lines whose first token is not a readable prefix (binary garbage, control characters).</summary>
    public const string InvalidPrefix = "*invalid*";

    public string FileName { get; set; } = "";

    /// <summary>Bytes read after decompression.</summary>
    public long BytesRead { get; set; }

    /// <summary>True when the input was gzip-compressed.</summary>
    public bool Gzip { get; set; }

    /// <summary>Set when the stream itself could not be read to the end (corrupt gzip, I/O error); lines before it are accounted.</summary>
    public string? StreamError { get; set; }

    public long LinesRead { get; set; }

    /// <summary>Lines parsed into typed rows (a DBWR line without triplets is a data line that yields zero rows).</summary>
    public long DataLines { get; set; }

    /// <summary>Lines kept in ptops_text_records (ARGS, DB blocks and their continuation lines, VADP, SNIC, headers, unknown prefixes).</summary>
    public long TextLines { get; set; }

    public long MalformedLines { get; set; }

    /// <summary>Data lines before the first valid TIME line (no timestamp; not stored).</summary>
    public long OrphanLines { get; set; }

    public long BlankLines { get; set; }

    /// <summary>TIME and IDENT lines.</summary>
    public long HeaderLines { get; set; }

    /// <summary>Typed rows emitted (IMCAPI_RESP yields 64 per line, DBWR one per bucket).</summary>
    public long Rows { get; set; }

    /// <summary>Text records emitted (a DB block with its continuation lines is one record).</summary>
    public long TextRecords { get; set; }

    /// <summary>Valid TIME lines (sampling epochs).</summary>
    public long Epochs { get; set; }

    public long? FirstTsMicros { get; set; }

    public long? LastTsMicros { get; set; }

    public PtopMetadata Metadata { get; set; } = new();

    /// <summary>Per prefix as printed (<c>CPU</c>, <c>NET ifstat</c>, <c>IMCDR_FRR</c>, <c>FPDTOB</c>, unknown ones...).</summary>
    public SortedDictionary<string, PrefixStats> Prefixes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Counted conditions: <c>unknown_prefix:&lt;PREFIX&gt;</c>, <c>unknown_key:&lt;PREFIX&gt;:&lt;key&gt;</c> (auto-update off or caps reached),
    /// <c>line_too_long</c>, <c>truncated_last_line</c>, <c>invalid_utf8</c>, <c>control_characters</c>.
    /// </summary>
    public SortedDictionary<string, long> Warnings { get; set; } = new(StringComparer.Ordinal);

    public long AccountedLines => DataLines + TextLines + MalformedLines + OrphanLines + BlankLines + HeaderLines;

    /// <summary>rows-producing lines + text-record lines + malformed + orphan + blank + header = lines read.</summary>
    public bool InvariantHolds => AccountedLines == LinesRead;

    public PrefixStats Prefix(string prefix)
    {
        if (Prefixes.TryGetValue(prefix, out var stats)) return stats;
        if (Prefixes.Count >= MaxTrackedKeys) prefix = OtherKey;
        if (!Prefixes.TryGetValue(prefix, out stats)) Prefixes[prefix] = stats = new PrefixStats();
        return stats;
    }

    public void Warn(string token, long count = 1)
    {
        if (!Warnings.ContainsKey(token) && Warnings.Count >= MaxTrackedKeys)
        {
            var colon = token.IndexOf(':');
            token = (colon > 0 ? token[..(colon + 1)] : "") + OtherKey;
        }
        Warnings[token] = Warnings.GetValueOrDefault(token) + count;
    }
}
