using System.Text.Json;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;

namespace PerfAspire.Ingest.Apis;

/// <summary>
/// The ingest HTTP API under <c>/api/bundles</c> (consumed by the MCP server as <c>http://ingest</c>; shapes in
/// docs/ingestion.md and <see cref="IngestClient"/>). The operations are <see cref="InProcessIngest"/>'s, the same
/// the MCP server runs when it has no ingest service; this class only maps them to HTTP. Errors are
/// <see cref="ErrorResponse"/> with a specific code, never a stack trace.
/// </summary>
public static class BundlesApi
{
    public static IEndpointRouteBuilder MapBundlesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/bundles");

        api.MapPost("/load", (HttpRequest http, InProcessIngest ingest, bool? wait, double? timeout_seconds, CancellationToken ct) => Guard(async () =>
        {
            var timeout = Seconds(timeout_seconds, "timeout_seconds", 600, 1, 3600);
            var request = await ReadAsync<LoadRequest>(http, ct);
            var job = wait == true
                ? await ingest.StartLoadAndWaitAsync(request, timeout, ct)
                : await ingest.StartLoadAsync(request, ct);
            var location = $"/api/bundles/jobs/{job.JobId}";
            if (job.FinishedAt is null) return new WithHeader(Results.Json(job, IngestJson.Options, statusCode: StatusCodes.Status202Accepted), "Location", location);
            return Results.Json(job, IngestJson.Options);
        })).Accepts<LoadRequest>("application/json");

        api.MapGet("/jobs", (InProcessIngest ingest, CancellationToken ct) => Guard(async () => Results.Json(await ingest.ListJobsAsync(ct), IngestJson.Options)));

        api.MapPost("/jobs/{jobId}/cancel", (string jobId, InProcessIngest ingest, double? timeout_seconds, CancellationToken ct) => Guard(async () =>
        {
            var job = await ingest.CancelJobAsync(jobId, Seconds(timeout_seconds, "timeout_seconds", 60, 0, 600), ct)
                ?? throw new IngestApiException(404, IngestErrors.JobNotFound, $"job_not_found: no job {jobId}");
            return Results.Json(job, IngestJson.Options, statusCode: job.FinishedAt is null ? StatusCodes.Status202Accepted : StatusCodes.Status200OK);
        }));

        api.MapGet("/jobs/{jobId}", (string jobId, InProcessIngest ingest, CancellationToken ct) => Guard(async () =>
        {
            var job = await ingest.GetJobAsync(jobId, ct)
                ?? throw new IngestApiException(404, IngestErrors.JobNotFound, $"job_not_found: no job {jobId}");
            return Results.Json(job, IngestJson.Options);
        }));

        api.MapGet("", (InProcessIngest ingest, CancellationToken ct) => Guard(async () => Results.Json(await ingest.ListAsync(ct), IngestJson.Options)));

        api.MapGet("/active", (InProcessIngest ingest, CancellationToken ct) => Guard(async () => Results.Json(await ingest.ActiveAsync(ct), IngestJson.Options)));

        api.MapPost("/active", (HttpRequest http, InProcessIngest ingest, CancellationToken ct) => Guard(async () =>
        {
            var body = await ReadAsync<SwitchActiveRequest>(http, ct);
            return Results.Json(await ingest.SwitchActiveAsync(body.BundleId, ct), IngestJson.Options);
        })).Accepts<SwitchActiveRequest>("application/json");

        api.MapGet("/{bundleId}", (string bundleId, InProcessIngest ingest, CancellationToken ct) => Guard(async () =>
        {
            var detail = await ingest.GetAsync(bundleId, ct)
                ?? throw new IngestApiException(404, IngestErrors.BundleNotFound, $"bundle_not_found: no bundle {bundleId}");
            return Results.Json(detail, IngestJson.Options);
        }));

        api.MapDelete("/{bundleId}", (string bundleId, InProcessIngest ingest, CancellationToken ct) =>
            Guard(async () => Results.Json(await ingest.UnloadAsync(bundleId, ct), IngestJson.Options)));

        api.MapPost("/purge", (InProcessIngest ingest, CancellationToken ct) =>
            Guard(async () => Results.Json(await ingest.PurgeAsync(ct), IngestJson.Options)));

        return app;
    }

    /// <summary>
    /// The body as <typeparamref name="T"/> (endpoints that read one declare it with <c>Accepts</c>). Malformed JSON,
    /// a member of the wrong type or a number out of range is <c>invalid_argument</c> naming where, never the
    /// serializer's own text.
    /// </summary>
    static async Task<T> ReadAsync<T>(HttpRequest http, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Body, IngestJson.Options, ct)
                ?? throw new IngestApiException(400, IngestErrors.InvalidArgument, "invalid_argument: a JSON object body is required");
        }
        catch (JsonException e)
        {
            var at = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            var where = e.BytePositionInLine is { } b ? $" (line {e.LineNumber + 1}, byte {b + 1})" : "";
            throw new IngestApiException(400, IngestErrors.InvalidArgument,
                $"invalid_argument: the body is not a valid {typeof(T).Name} JSON object{at}{where}: malformed JSON, a member of the wrong type or a number out of range (docs/ingestion.md lists the members)");
        }
    }

    /// <summary>A seconds value of the query string, or its default; NaN, infinite or out of range is <c>invalid_argument</c>.</summary>
    static TimeSpan Seconds(double? value, string name, double @default, double min, double max)
    {
        var seconds = value ?? @default;
        if (!double.IsFinite(seconds) || seconds < min || seconds > max)
        {
            throw new IngestApiException(400, IngestErrors.InvalidArgument, $"invalid_argument: {name} must be a number of seconds from {min} to {max}");
        }
        return TimeSpan.FromSeconds(seconds);
    }

    static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (IngestApiException e)
        {
            var error = Results.Json(new ErrorResponse(e.Code, e.Message), IngestJson.Options, statusCode: e.Status);
            return e.Status == StatusCodes.Status429TooManyRequests
                ? new WithHeader(error, "Retry-After", LoadJobs.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : error;
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
