using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// The <c>categories</c> of a load: the coarse filters CPU, MEM, DISK, NET, TOP, SMAPS, DB,
/// FASTPATH, OTHER. A group belongs to the filter named by <see cref="TableGroup.Filter"/>; groups discovered at run
/// time (new FP* prefixes) are FASTPATH. Text records are not a category: they are ingested with the first
/// ingestion of a bundle whatever its categories, and never again.
/// </summary>
internal static class CategorySelection
{
    public static IReadOnlyList<string> All => CommonColumns.Filters;

    /// <summary>Canonical, de-duplicated names in the standard order; null or empty = all. Unknown names are an argument error.</summary>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0) return All;
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in requested)
        {
            foreach (var part in (raw ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = part.ToUpperInvariant();
                if (!All.Contains(name))
                {
                    throw new IngestException(IngestErrors.InvalidCategory,
                        $"invalid_category: '{part}' is not a category; use any of {string.Join(", ", All)}");
                }
                set.Add(name);
            }
        }
        return set.Count == 0 ? All : Normalize(set);
    }

    public static IReadOnlyList<string> Normalize(IEnumerable<string> names)
    {
        var set = names.ToHashSet(StringComparer.Ordinal);
        return [.. All.Where(set.Contains)];
    }

    public static bool Covers(IEnumerable<string> have, IEnumerable<string> want)
    {
        var set = have.ToHashSet(StringComparer.Ordinal);
        return want.All(set.Contains);
    }

    /// <summary>The tables a set of categories writes to (spec groups; discovered FP* tables follow FASTPATH).</summary>
    public static IEnumerable<string> SpecTables(IEnumerable<string> categories)
    {
        var set = categories.ToHashSet(StringComparer.Ordinal);
        return SchemaSpec.Default.Groups.Where(g => set.Contains(g.Filter)).Select(g => g.Table);
    }
}
