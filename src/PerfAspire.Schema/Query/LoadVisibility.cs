using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// Which rows of a loaded bundle a query may read. A bundle's <c>categories</c> (the load filters CPU, MEM, ...) change
/// only in the transaction that marks a load finished, and every table belongs to one category, so the rows an
/// incremental category load is still writing — or left behind when its process died — lie in tables of a category
/// the bundle does not list yet. Every statement that reads samples of a bundle adds <see cref="Guard"/>: an EXISTS
/// on the bundle's catalog row that does not refer to the scanned rows, so PostgreSQL evaluates it once per statement
/// (a one-time filter) rather than per row. Finishing a load flips the catalog row; no sample row is updated (on
/// TimescaleDB they sit in compressed chunks, where an UPDATE would rewrite them).
/// </summary>
public static class LoadVisibility
{
    /// <summary>Tables the schema auto-update creates for unknown <c>FP*</c> prefixes (load filter FASTPATH).</summary>
    const string DiscoveredFastPathPrefix = "ptops_fp_";

    const string FastPath = "FASTPATH";

    /// <summary>The load category whose rows <paramref name="table"/> holds; null for tables outside every category (text records).</summary>
    public static string? CategoryOf(string table) =>
        SchemaSpec.Default.ByTable(table)?.Filter
        ?? (table.StartsWith(DiscoveredFastPathPrefix, StringComparison.Ordinal) ? FastPath : null);

    /// <summary>
    /// <c> AND EXISTS (...)</c>: the bundle (the SQL expression <paramref name="bundle"/>, a bind placeholder) lists the
    /// category of <paramref name="table"/>; empty for a table outside every category.
    /// </summary>
    public static string Guard(string schema, string table, string bundle) =>
        CategoryOf(table) is { } category
            ? $" AND EXISTS (SELECT 1 FROM {SqlIdentifier.Qualify(schema, "bundles")} WHERE bundle_id = {bundle} AND {SqlIdentifier.Literal(category)} = ANY(categories))"
            : "";
}
