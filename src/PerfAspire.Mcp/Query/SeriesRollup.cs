namespace PerfAspire.Mcp.Query;

/// <summary>
/// Whether a query can read the bundle's series rollup (<c>bundle_series</c>, written by ingestion) instead of the
/// samples: the table must exist (databases migrated before it existed) and hold rows for the bundle and metric
/// (bundles loaded before the rollup existed have none; so do tables with too many series to roll up).
/// </summary>
public sealed class SeriesRollup(QueryRunner runner)
{
    volatile bool _tableSeen;

    public async Task<bool> HasRowsAsync(ReadOnlySession session, string bundleId, string metric, CancellationToken ct)
    {
        if (!_tableSeen)
        {
            // Probed apart: naming a missing table would abort the read-only transaction.
            var exists = await runner.ScalarAsync<bool>(session, "SELECT to_regclass(@table) IS NOT NULL",
                [new QueryParameter("table", session.Schema + "." + WholeWindowSql.RollupTable)], ct);
            if (!exists) return false;
            _tableSeen = true;
        }
        return await runner.ScalarAsync<bool>(session,
            $"SELECT EXISTS (SELECT 1 FROM {Catalog.SqlIdentifier.Qualified(session.Schema, WholeWindowSql.RollupTable)} WHERE bundle_id = @bundle_id AND metric = @metric)",
            [new QueryParameter("bundle_id", bundleId), new QueryParameter("metric", metric)], ct);
    }

    /// <summary>The plan with <see cref="QueryPlan.FromRollup"/> set when a whole-window topk can read the rollup.</summary>
    public async Task<QueryPlan> ChooseAsync(ReadOnlySession session, QueryPlan plan, CancellationToken ct) =>
        plan.WholeWindowTopK && plan.CoversBundle && await HasRowsAsync(session, plan.Bundle.BundleId, plan.Metric.View, ct)
            ? plan with { FromRollup = true }
            : plan;
}
