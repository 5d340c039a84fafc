namespace PerfAspire.Schema.Query;

/// <summary>A request that cannot be rendered; <see cref="Code"/> is a stable token for tool warnings.</summary>
public sealed class QueryBuildException(string code, string message) : Exception(message)
{
    public const string UnknownPattern = "unknown_pattern";
    public const string KindNotSupported = "kind_not_supported";
    public const string UnknownLabel = "unknown_label";
    public const string InvalidIdentifier = "invalid_identifier";
    public const string InvalidParameter = "invalid_parameter";
    public const string CompanionRequired = "companion_required";
    public const string InvalidCatalog = "invalid_catalog";

    public string Code { get; } = code;
}
