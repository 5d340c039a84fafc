using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Makes the database match a live layout before rows with its new columns (or of its new table) are written:
/// the schema auto-update (columns, views, catalog rows).
/// </summary>
internal interface ITableEnsurer
{
    Task EnsureAsync(TableLayout layout, CancellationToken ct);
}
