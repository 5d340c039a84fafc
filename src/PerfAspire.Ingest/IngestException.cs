namespace PerfAspire.Ingest;

/// <summary>
/// A failure the user can act on: a stable machine-readable <see cref="Code"/> (also the HTTP error code) and a
/// one-line message that names the offending path, member or value. Never carries a stack trace to users.
/// </summary>
public sealed class IngestException(string code, string message, int httpStatus = 400, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public int HttpStatus { get; } = httpStatus;
}

/// <summary>The error codes of <see cref="IngestException"/> (documented in docs/ingestion.md).</summary>
public static class IngestErrors
{
    public const string InvalidArgument = "invalid_argument";
    public const string InvalidMaxFiles = "invalid_max_files";
    public const string InvalidCategory = "invalid_category";
    public const string PathNotFound = "path_not_found";
    public const string PathNotAllowed = "path_not_allowed";
    public const string BundleRootsRequired = "bundle_roots_required";
    public const string UnsupportedBundle = "unsupported_bundle";
    public const string InvalidArchive = "invalid_archive";
    public const string NoPtopLogs = "no_ptop_logs";
    public const string BundleTooLarge = "bundle_too_large";
    public const string CompressionRatioExceeded = "compression_ratio_exceeded";
    public const string TooManyMembers = "too_many_members";
    public const string BundleChanged = "bundle_changed";
    public const string BundleNotFound = "bundle_not_found";
    public const string BundleBusy = "bundle_busy";
    public const string JobNotFound = "job_not_found";
    public const string DatabaseUnavailable = "database_unavailable";
    public const string IngestFailed = "ingest_failed";
    public const string RefusedSpecial = "refused_special";
    public const string TooManyLoads = "too_many_loads";
    public const string LoadTimeout = "load_timeout";
    public const string Cancelled = "cancelled";
    public const string JobFinished = "job_finished";
}
