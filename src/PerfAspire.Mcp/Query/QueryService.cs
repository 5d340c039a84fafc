namespace PerfAspire.Mcp.Query;

/// <summary>
/// The query pipeline behind query_build_sql and query_run: plan (validate against catalog + bundle) →
/// render (pattern SQL, bind parameters) → run (read-only session, row cap) → explain an empty result.
/// </summary>
public sealed class QueryService(ReadOnlySessionFactory sessions, QueryPlanner planner, QueryRunner runner, SeriesRollup rollup)
{
    public sealed record Built(QueryPlanner.Planned Planned, RenderedQuery Query)
    {
        public QueryPlan Plan => Planned.Plan;
    }

    public sealed record Ran(QueryPlanner.Planned Planned, RenderedQuery Query, QueryRows Rows, EmptyResult? Empty)
    {
        public QueryPlan Plan => Planned.Plan;
    }

    public async Task<Built> BuildAsync(QueryArguments args, CancellationToken ct)
    {
        var planned = await planner.PlanAsync(args, null, ct);
        return new Built(planned, PatternSql.Render(planned.Plan.Sql));
    }

    public async Task<Ran> RunAsync(QueryArguments args, CancellationToken ct)
    {
        await using var session = await sessions.OpenAsync(ct);
        var planned = await planner.PlanAsync(args, session, ct);
        var plan = await rollup.ChooseAsync(session, planned.Plan, ct);
        planned = planned with { Plan = plan };
        var query = PatternSql.Render(plan.Sql);
        if (!plan.Window.Overlaps(plan.Bundle))
        {
            return new Ran(planned, query, new QueryRows([], [], false, TimeSpan.Zero), EmptyResult.OutsideBundle(plan));
        }
        var rows = await runner.RunAsync(session, query, plan.RowLimit - 1, ct);
        var empty = rows.Rows.Count == 0 ? await EmptyResult.ExplainAsync(plan, session, runner, ct) : null;
        return new Ran(planned, query, rows, empty);
    }
}
