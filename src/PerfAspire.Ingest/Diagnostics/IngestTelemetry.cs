using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PerfAspire.Ingest.Diagnostics;

/// <summary>
/// The ingest service's OpenTelemetry instruments (names from docs/ingestion.md, "Observability") and its
/// trace source: one <c>bundle.load</c> activity per load with a <c>bundle.file</c> child per log.
/// The schema auto-create counters live with the schema auto-updater.
/// </summary>
public static class IngestTelemetry
{
    public const string Name = "PerfAspire.Ingest";

    public static readonly ActivitySource Source = new(Name);

    static readonly Meter Meter = new(Name);

    public static readonly Counter<long> BatchesTotal =
        Meter.CreateCounter<long>("timescale_ingest_batches_total", "{batch}", "COPY batches committed or attempted by ingestion.");

    public static readonly Counter<long> BatchesFailedTotal =
        Meter.CreateCounter<long>("timescale_ingest_batches_failed_total", "{batch}", "COPY batch attempts that failed (retried, split or given up).");

    public static readonly Counter<double> CopyDurationMsSum =
        Meter.CreateCounter<double>("timescale_copy_duration_ms_sum", "ms", "Total time spent in COPY batches.");

    public static readonly Histogram<double> CopyDurationMs =
        Meter.CreateHistogram<double>("timescale_copy_duration_ms", "ms", "Duration of one COPY batch.");

    public static readonly Counter<long> RowsInsertedTotal =
        Meter.CreateCounter<long>("timescale_rows_inserted_total", "{row}", "Raw rows written to hypertables (and text records).");

    public static readonly Counter<long> BundlesLoadedTotal =
        Meter.CreateCounter<long>("perfaspire_bundles_loaded_total", "{bundle}", "Loads finished, by outcome (ingested, reused, failed).");
}
