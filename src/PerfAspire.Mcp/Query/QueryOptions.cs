using System.ComponentModel.DataAnnotations;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Limits and identity of the MCP server's queries (configuration section <c>Mcp:Query</c>).
/// The schema comes from <c>TIMESCALE_SCHEMA</c> like every other service. Values out of range stop the start,
/// naming the setting.
/// </summary>
public sealed class QueryOptions
{
    public const string Section = "Mcp:Query";

    /// <summary>The schema holding every PerfAspire object.</summary>
    public string Schema { get; set; } = "perf";

    /// <summary>
    /// Read-only role every query runs as (SET LOCAL ROLE). Default: the migration's reader role of the schema
    /// (<c>perf_reader</c>). Empty = no SET ROLE (the connection's own user is already read-only).
    /// </summary>
    public string? ReaderRole { get; set; }

    /// <summary>
    /// Password with which query_sql logs in as <see cref="ReaderRole"/>. Unset: derived from the service's own
    /// connection string (every PerfAspire process on the database derives the same), and set on the role on first use.
    /// </summary>
    public string? ReaderPassword { get; set; }

    /// <summary>statement_timeout of each query transaction.</summary>
    [Range(100, 3600000, ErrorMessage = "Mcp:Query:StatementTimeoutMs must be between {1} and {2}.")]
    public int StatementTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Overall deadline of one read-only tool call in seconds, however many statements it runs (each is still bounded
    /// by <see cref="StatementTimeoutMs"/>); 0 = none. Past it: <c>deadline_exceeded</c>, or a partial answer where the
    /// tool can give one.
    /// </summary>
    [Range(0, 86400, ErrorMessage = "Mcp:Query:CallDeadlineSeconds must be between {1} and {2}.")]
    public int CallDeadlineSeconds { get; set; } = 60;

    /// <summary>Rows a query returns when the caller does not say (keeps a response under ~8k tokens).</summary>
    [Range(1, 100000, ErrorMessage = "Mcp:Query:DefaultMaxRows must be between {1} and {2}.")]
    public int DefaultMaxRows { get; set; } = 500;

    /// <summary>The most rows a caller may ask for.</summary>
    [Range(1, 1000000, ErrorMessage = "Mcp:Query:HardMaxRows must be between {1} and {2}.")]
    public int HardMaxRows { get; set; } = 5_000;

    /// <summary>Target points per series when the step is chosen automatically.</summary>
    [Range(10, 100000, ErrorMessage = "Mcp:Query:MaxPointsPerSeries must be between {1} and {2}.")]
    public int MaxPointsPerSeries { get; set; } = 500;

    /// <summary>How long catalog and bundle lookups are cached before being re-read.</summary>
    [Range(0, 86400, ErrorMessage = "Mcp:Query:CatalogCacheSeconds must be between {1} and {2}.")]
    public int CatalogCacheSeconds { get; set; } = 30;
}
