using System.Diagnostics.Metrics;

namespace PerfAspire.Schema.Database;

/// <summary>
/// Schema instruments. Meter <c>PerfAspire.Schema</c>; add it to
/// the OpenTelemetry metrics pipeline to see the counters on the Aspire dashboard.
/// </summary>
public static class SchemaMetrics
{
    public const string MeterName = "PerfAspire.Schema";

    static readonly Meter Meter = new(MeterName);

    /// <summary>Tables, columns and views created at run time; tag <c>object</c> = table | column | view.</summary>
    public static readonly Counter<long> AutoCreates = Meter.CreateCounter<long>(
        "timescale_schema_auto_creates_total", unit: "{object}", description: "Tables, columns and views created on the fly for metrics met at run time.");

    /// <summary>Run-time schema changes that failed.</summary>
    public static readonly Counter<long> AutoCreateErrors = Meter.CreateCounter<long>(
        "timescale_schema_auto_create_errors_total", unit: "{error}", description: "Failed on-the-fly schema changes.");

    /// <summary>Objects that were missing but not created because SCHEMA_AUTO_UPDATE is off.</summary>
    public static readonly Counter<long> AutoUpdateSkipped = Meter.CreateCounter<long>(
        "timescale_schema_auto_update_skipped_total", unit: "{object}", description: "Missing tables, columns and views not created because SCHEMA_AUTO_UPDATE=false.");
}
