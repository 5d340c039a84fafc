using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Makes the database match a live layout before rows with its new columns (or of its new table) are written:
/// the schema auto-update of seed §5.1 step 5 (columns, views, catalog rows).
/// </summary>
internal interface ITableEnsurer
{
    Task EnsureAsync(TableLayout layout, CancellationToken ct);
}
