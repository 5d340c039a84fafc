using Microsoft.Extensions.Logging;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Database;

/// <summary>Optional knobs of <see cref="SchemaMigrator"/>.</summary>
/// <param name="Spec">The spec to apply (default: <see cref="SchemaSpec.Default"/>; tests pass smaller ones).</param>
/// <param name="Force">Run the script even when the schema_version hash says it is current.</param>
/// <param name="Logger">Where the loud timescale_unavailable warning and the summary go.</param>
public sealed record MigrationOptions(SchemaSpec? Spec = null, bool Force = false, ILogger? Logger = null);
