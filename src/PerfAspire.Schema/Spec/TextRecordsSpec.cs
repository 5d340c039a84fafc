namespace PerfAspire.Schema.Spec;

/// <summary>
/// The one table that is not a metric group: lines kept verbatim (opaque plugins, headers, unknown prefixes;
/// docs/ptop-format.md §3.13). A plain table in both database modes because its <c>ts</c> may be NULL (lines read
/// before the first TIME line), which a hypertable's time column cannot be.
/// </summary>
public static class TextRecordsSpec
{
    public const string Table = CommonColumns.TextRecordsTable;
    public const string RecordGroup = "TEXT";
    public const string Category = "text";
    public const string Filter = "OTHER";

    /// <summary>Columns in table order (the COPY order ingestion uses).</summary>
    public static readonly IReadOnlyList<(string Name, string SqlType)> Columns =
    [
        ("ts", "timestamptz"),
        ("bundle_id", "text NOT NULL"),
        ("sptid", "text"),
        ("metric_category", "text NOT NULL"),
        ("host", "text NOT NULL"),
        ("file_name", "text"),
        ("prefix", "text"),
        ("line_no", "bigint"),
        ("text", "text"),
    ];

    /// <summary>The columns that are not the common ones (table_schemas.local_columns).</summary>
    public static readonly IReadOnlyList<(string Name, string SqlType)> LocalColumns =
        [.. Columns.Where(c => !CommonColumns.All.Contains(c.Name)).Select(c => (c.Name, c.SqlType))];

    public const string Summary =
        "Lines kept verbatim, in file order: opaque plugin output (DB blocks with their continuation lines, VADP_*, SNIC and the vendor lines after it), " +
        "ARGS, the FPC header, the IMCDR node list and any line with an unknown prefix. Searchable by prefix and text; not metrics.";
}
