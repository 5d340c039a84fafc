using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfAspire.Ingest.Generation;

/// <summary>What the generator wrote into one ptop log, in the parser's terms (lines by fate, rows per table).</summary>
public sealed class ExpectedFile
{
    /// <summary>Path inside the bundle, e.g. <c>var/log/ptop-20250628_0000.log.gz</c>.</summary>
    public string Path { get; set; } = "";
    public bool Gzip { get; set; }
    public long Epochs { get; set; }
    public long Lines { get; set; }
    public long DataLines { get; set; }
    public long TextLines { get; set; }
    public long MalformedLines { get; set; }
    public long OrphanLines { get; set; }
    public long BlankLines { get; set; }
    public long HeaderLines { get; set; }
    public long TextRecords { get; set; }
    public long Rows { get; set; }
    public SortedDictionary<string, long> Tables { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> UnknownPrefixes { get; set; } = new(StringComparer.Ordinal);

    internal void AddRows(string table, long rows)
    {
        Tables[table] = Tables.GetValueOrDefault(table) + rows;
        Rows += rows;
    }
}

/// <summary>The generator's own expectation for a bundle: written next to it as <c>&lt;bundle&gt;.expected.json</c> and used by tests.</summary>
public sealed class ExpectedCounts
{
    public string Preset { get; set; } = "";
    public int Seed { get; set; }
    public string Bundle { get; set; } = "";
    public string Host { get; set; } = "";
    public string HostId { get; set; } = "";
    public string Sptid { get; set; } = "";
    public int IntervalSeconds { get; set; }
    public long FirstTsMicros { get; set; }
    public long LastTsMicros { get; set; }

    /// <summary>Where the latency incident is (UTC µs): CPU iowait, disk queue, slow DB buckets and MSP timeouts rise together.</summary>
    public long IncidentStartMicros { get; set; }
    public long IncidentEndMicros { get; set; }

    public List<ExpectedFile> Files { get; set; } = [];

    /// <summary>Rows per table over all files.</summary>
    public SortedDictionary<string, long> Tables { get; set; } = new(StringComparer.Ordinal);
    public long Rows { get; set; }
    public long TextRecords { get; set; }
    public long MalformedLines { get; set; }
    public long Lines { get; set; }

    /// <summary>Tables the spec does not know that the logs create (unknown FP families), and discovered columns by table.</summary>
    public SortedDictionary<string, List<string>> DiscoveredColumns { get; set; } = new(StringComparer.Ordinal);

    internal void Complete()
    {
        Tables.Clear();
        Rows = TextRecords = MalformedLines = Lines = 0;
        foreach (var f in Files)
        {
            foreach (var (t, n) in f.Tables) Tables[t] = Tables.GetValueOrDefault(t) + n;
            Rows += f.Rows;
            TextRecords += f.TextRecords;
            MalformedLines += f.MalformedLines;
            Lines += f.Lines;
        }
    }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExpectedCounts FromJson(string json) => JsonSerializer.Deserialize<ExpectedCounts>(json, Json)
        ?? throw new InvalidDataException("empty expected-counts file");
}
