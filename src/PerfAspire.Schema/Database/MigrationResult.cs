namespace PerfAspire.Schema.Database;

/// <summary>What a migration did and what the database can do.</summary>
/// <param name="Applied">True when the script ran; false when the schema was already current (nothing changed).</param>
/// <param name="SchemaVersion">The schema_version row now current.</param>
/// <param name="Capabilities">Extension and compression state, as recorded in database_capabilities.</param>
/// <param name="Warnings">Machine-readable tokens: <c>timescale_unavailable</c>, <c>roles_skipped</c>.</param>
/// <param name="Notes">Human-readable explanations of the warnings and of anything skipped.</param>
/// <param name="Groups">Record groups in the applied spec.</param>
/// <param name="Metrics">Metrics (= views, without aliases) in the applied spec.</param>
/// <param name="ScriptSha256">Hash of the generated script.</param>
/// <param name="Elapsed">Wall time including waiting for the lock.</param>
public sealed record MigrationResult(
    bool Applied,
    int SchemaVersion,
    DatabaseCapabilities Capabilities,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Notes,
    int Groups,
    int Metrics,
    string ScriptSha256,
    TimeSpan Elapsed);
