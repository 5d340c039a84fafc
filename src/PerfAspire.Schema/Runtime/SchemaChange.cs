using PerfAspire.Schema.Spec;

namespace PerfAspire.Schema.Runtime;

/// <summary>
/// A table or column that did not exist before this run and was just created in the live layout.
/// The writer must create it in the database (schema auto-update) before writing rows that use it.
/// </summary>
/// <param name="Layout">The table's layout (already containing the new column).</param>
/// <param name="Column">The new column, or null when the whole table is new.</param>
/// <param name="SourceKey">The key token as printed by ptop that caused the change (null for a new table).</param>
public sealed record SchemaChange(TableLayout Layout, MetricSpec? Column, string? SourceKey)
{
    public bool IsNewTable => Column is null;
}
