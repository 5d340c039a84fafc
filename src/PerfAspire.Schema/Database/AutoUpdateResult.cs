namespace PerfAspire.Schema.Database;

/// <summary>What <see cref="SchemaAutoUpdater.EnsureAsync"/> found and did.</summary>
/// <param name="Table">The layout's table.</param>
/// <param name="Created">Objects created now, as <c>table:x</c>, <c>column:t.c</c>, <c>view:v</c>.</param>
/// <param name="Missing">Objects that are missing and were NOT created because SCHEMA_AUTO_UPDATE is off (report these).</param>
public sealed record AutoUpdateResult(string Table, IReadOnlyList<string> Created, IReadOnlyList<string> Missing)
{
    /// <summary>The database now has every column of the layout: rows can be written.</summary>
    public bool Ready => Missing.Count == 0;
}
