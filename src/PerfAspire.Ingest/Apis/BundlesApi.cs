using System.Text.Json;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;

namespace PerfAspire.Ingest.Apis;

/// <summary>
/// The ingest HTTP API under <c>/api/bundles</c> (consumed by the MCP server as <c>http://ingest</c>; shapes in
/// docs/ingestion.md and <see cref="IngestClient"/>). Errors are <see cref="ErrorResponse"/> with a
/// specific code, never a stack trace.
/// </summary>
public static class BundlesApi
{
    public static IEndpointRouteBuilder MapBundlesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/bundles");

        api.MapPost("/load", (HttpRequest http, IngestRuntime rt, bool? wait, double? timeout_seconds, CancellationToken ct) => Guard(async () =>
        {
            var request = await ReadAsync<LoadRequest>(http, ct);
            var job = await rt.Jobs.StartAsync(request, ct);
            if (wait == true && job.FinishedAt is null)
            {
                job = await rt.Jobs.WaitAsync(job.JobId, TimeSpan.FromSeconds(Math.Clamp(timeout_seconds ?? 600, 1, 3600)), ct) ?? job;
            }
            var location = $"/api/bundles/jobs/{job.JobId}";
            if (job.FinishedAt is null) return new WithHeader(Results.Json(job, IngestJson.Options, statusCode: StatusCodes.Status202Accepted), "Location", location);
            return Results.Json(job, IngestJson.Options);
        }));

        api.MapGet("/jobs", (IngestRuntime rt) => Results.Json(rt.Jobs.List(), IngestJson.Options));

        api.MapPost("/jobs/{jobId}/cancel", (string jobId, IngestRuntime rt, double? timeout_seconds, CancellationToken ct) => Guard(async () =>
        {
            var job = await rt.Jobs.CancelAsync(jobId, TimeSpan.FromSeconds(Math.Clamp(timeout_seconds ?? 60, 0, 600)), ct)
                ?? throw new IngestException(IngestErrors.JobNotFound, $"job_not_found: no job {jobId}", 404);
            return Results.Json(job, IngestJson.Options, statusCode: job.FinishedAt is null ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
        }));

        api.MapGet("/jobs/{jobId}", (string jobId, IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            var job = await rt.Jobs.GetAsync(jobId, ct)
                ?? throw new IngestException(IngestErrors.JobNotFound, $"job_not_found: no job {jobId}", 404);
            return Results.Json(job, IngestJson.Options);
        }));

        api.MapGet("", (IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            var list = await rt.Store.ListAsync(ct);
            return Results.Json(new BundleList(list, list.FirstOrDefault(b => b.Active)?.BundleId), IngestJson.Options);
        }));

        api.MapGet("/active", (IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            var active = await rt.Store.ActiveAsync(ct);
            return Results.Json(new ActiveBundle(active, active is null ? ["no_active_bundle"] : []), IngestJson.Options);
        }));

        api.MapPost("/active", (HttpRequest http, IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            var body = await ReadAsync<SwitchActiveRequest>(http, ct);
            if (string.IsNullOrWhiteSpace(body.BundleId)) throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: bundle_id is required");
            await rt.Store.SetActiveAsync(body.BundleId, ct);
            return Results.Json(new ActiveBundle(await rt.Store.ActiveAsync(ct), []), IngestJson.Options);
        }));

        api.MapGet("/{bundleId}", (string bundleId, IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            var info = await rt.Store.GetAsync(bundleId, ct)
                ?? throw new IngestException(IngestErrors.BundleNotFound, $"bundle_not_found: no bundle {bundleId}", 404);
            return Results.Json(new BundleDetail(info, await rt.Store.SummaryAsync(bundleId, ct)), IngestJson.Options);
        }));

        api.MapDelete("/{bundleId}", (string bundleId, IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            return Results.Json(await rt.Admin.UnloadAsync(bundleId, ct), IngestJson.Options);
        }));

        api.MapPost("/purge", (IngestRuntime rt, CancellationToken ct) => Guard(async () =>
        {
            await rt.EnsureReadyAsync(ct);
            return Results.Json(await rt.Admin.PurgeAllAsync(ct), IngestJson.Options);
        }));

        return app;
    }

    static async Task<T> ReadAsync<T>(HttpRequest http, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Body, IngestJson.Options, ct)
                ?? throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: a JSON body is required");
        }
        catch (JsonException e)
        {
            throw new IngestException(IngestErrors.InvalidArgument, $"invalid_argument: the body is not valid JSON for this call ({e.Message})");
        }
    }

    static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (IngestException e)
        {
            var error = Results.Json(new ErrorResponse(e.Code, e.Message), IngestJson.Options, statusCode: e.HttpStatus);
            return e.HttpStatus == StatusCodes.Status429TooManyRequests
                ? new WithHeader(error, "Retry-After", LoadJobs.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : error;
        }
        catch (Exception e) when (CopyErrors.IsDatabase(e))
        {
            return Results.Json(new ErrorResponse(IngestErrors.DatabaseUnavailable, "database_unavailable: " + e.Message), IngestJson.Options, statusCode: 503);
        }
    }

    sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
