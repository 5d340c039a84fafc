using Npgsql;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Bundles;

/// <summary>
/// Resolves which bundle a call is about: the <c>bundle_id</c> given, else the bundle this MCP session loaded or
/// switched to (<see cref="SessionBundles"/>) while it is still loaded, else the shared active bundle. There is no
/// "all bundles" fallback: with no active bundle the answer is the <c>no_active_bundle</c> warning.
/// </summary>
public sealed class BundleScope(ReadOnlySessionFactory sessions, SessionBundles chosen)
{
    public const string NoActiveBundle = "no_active_bundle";

    /// <summary>How a bundle_id argument is described to clients.</summary>
    public const string Help = "Default: active.";
    public const string BundleNotReady = "bundle_not_ready";
    const string Loaded = "loaded";

    public async Task<BundleContext> ResolveAsync(string? bundleId, CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        return await ResolveAsync(session, bundleId, ct);
    }

    public async Task<BundleContext> ResolveAsync(ReadOnlySession session, string? bundleId, CancellationToken ct)
    {
        var wanted = bundleId?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            if (chosen.Current is { } own)
            {
                await using var mine = session.Command(CatalogSql.BundleById(sessions.Schema, own));
                if (await ReadOneAsync(mine, ct) is { State: Loaded } found) return found;
                // Unloaded since (perhaps by another client): the session falls back to the shared active bundle.
            }
            await using var cmd = session.Command(CatalogSql.ActiveBundle(sessions.Schema));
            return await ReadOneAsync(cmd, ct) ?? throw NoActive();
        }
        if (wanted.Length <= 200)
        {
            await using var cmd = session.Command(CatalogSql.BundleById(sessions.Schema, wanted));
            if (await ReadOneAsync(cmd, ct) is { } found) return found.State == Loaded ? found : throw NotReady(found);
        }
        var known = new List<string>();
        await using (var cmd = session.Command(CatalogSql.RecentBundleIds(sessions.Schema, 200)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct)) known.Add(r.GetString(0));
        }
        var closest = ClosestNames.Find(wanted, known, 3);
        throw new ToolError("bundle_not_found",
            known.Count == 0
                ? $"No bundle '{CatalogSnapshot.Clip(wanted)}': no bundle is loaded at all."
                : $"No bundle '{CatalogSnapshot.Clip(wanted)}'. Closest loaded bundle ids: {string.Join(", ", closest)}.",
            closest,
            known.Count == 0 ? "Load one with support_load_bundle {path}." : "Call support_list_bundles to see the loaded bundles, or omit bundle_id to use the active one.");
    }

    /// <summary>A bundle still loading, failed or being unloaded holds partial data: it is never queried as if complete.</summary>
    static ToolError NotReady(BundleContext b) => new(BundleNotReady,
        $"Bundle '{b.BundleId}' is {b.State}, not loaded: its data is {(b.State == "loading" ? "still being written" : b.State == "unloading" ? "being deleted" : "incomplete")}, so it is not queried.",
        next: b.State == "loading"
            ? "Wait for the load to finish (support_ingest_status), then query again; or omit bundle_id to use the active bundle."
            : "Load the bundle again with support_load_bundle {path}, or pick a loaded one from support_list_bundles.");

    public static ToolError NoActive() => new(NoActiveBundle,
        "No bundle is active, so there is nothing to query (queries never run across all bundles).",
        next: "Load a bundle with support_load_bundle {path}, or make a loaded one active with support_switch_active {bundle_id} (support_list_bundles lists them).");

    static async Task<BundleContext?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new BundleContext(
            r.GetString(0),
            r.IsDBNull(1) ? null : r.GetString(1),
            r.GetString(2),
            r.GetString(3),
            r.GetBoolean(4),
            r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
            r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
            r.IsDBNull(7) ? null : r.GetInt32(7),
            r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));
    }
}
