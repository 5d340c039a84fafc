namespace PerfAspire.Mcp.Query;

/// <summary>
/// Whether a query can read the bundle's series rollup (<c>bundle_series</c>, written by ingestion) instead of the
/// samples: the table must exist (databases migrated before it existed) and hold rows for the bundle and metric
/// (bundles loaded before the rollup existed have none; so do tables with too many series to roll up).
/// </summary>
public sealed class SeriesRollup(QueryRunner runner)
{
    volatile bool _tableSeen;
    volatile bool _bucketsSeen;

    public async Task<bool> HasRowsAsync(ReadOnlySession session, string bundleId, string metric, CancellationToken ct, bool needsIncrease = false)
    {
        if (!_tableSeen)
        {
            // Probed apart: naming a missing table would abort the read-only transaction.
            var exists = await runner.ScalarAsync<bool>(session, ProbeSql.RollupExists(session.Schema), ct);
            if (!exists) return false;
            _tableSeen = true;
        }
        return await runner.ScalarAsync<bool>(session, ProbeSql.RollupHasRows(session.Schema, bundleId, metric, needsIncrease), ct);
    }

    /// <summary>
    /// The plan with <see cref="QueryPlan.FromRollup"/> set when a whole-window topk can read the rollup, or
    /// <see cref="QueryPlan.FromBuckets"/> when a whole-bundle time series can read the time-bucketed rollup.
    /// </summary>
    public async Task<QueryPlan> ChooseAsync(ReadOnlySession session, QueryPlan plan, CancellationToken ct)
    {
        if (plan.WholeWindowTopK)
        {
            return plan.CoversBundle && await HasRowsAsync(session, plan.Bundle.BundleId, plan.Metric.View, ct, needsIncrease: plan.Metric.IsCounter)
                ? plan with { FromRollup = true }
                : plan;
        }
        return plan.CoversBundle && BucketSql.Serves(plan.Pattern.Name, plan.StepSeconds, plan.Window.Origin) && await HasBucketsAsync(session, plan, ct)
            ? plan with { FromBuckets = true }
            : plan;
    }

    async Task<bool> HasBucketsAsync(ReadOnlySession session, QueryPlan plan, CancellationToken ct)
    {
        if (!_bucketsSeen)
        {
            if (!await runner.ScalarAsync<bool>(session, ProbeSql.BucketsExist(session.Schema), ct)) return false;
            _bucketsSeen = true;
        }
        return await runner.ScalarAsync<bool>(session, ProbeSql.BucketsHaveRows(session.Schema, plan.Bundle.BundleId, plan.Metric.Table,
            plan.Metric.Column, needsIncrease: plan.Pattern.Name == QueryPatterns.CounterRate), ct);
    }
}
