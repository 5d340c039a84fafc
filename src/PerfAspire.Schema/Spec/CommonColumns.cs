namespace PerfAspire.Schema.Spec;

/// <summary>The global columns every hypertable starts with.</summary>
public static class CommonColumns
{
    public const string Ts = "ts";
    public const string BundleId = "bundle_id";
    public const string Sptid = "sptid";
    public const string MetricCategory = "metric_category";
    public const string Host = "host";

    public static readonly IReadOnlyList<string> All = [Ts, BundleId, Sptid, MetricCategory, Host];

    /// <summary>The coarse load filters (the <c>categories</c> of a load).</summary>
    public static readonly IReadOnlyList<string> Filters = ["CPU", "MEM", "DISK", "NET", "TOP", "SMAPS", "DB", "FASTPATH", "OTHER"];

    /// <summary>Opaque plugin output and unknown prefixes (docs/ptop-format.md §3.13).</summary>
    public const string TextRecordsTable = "ptops_text_records";
}
