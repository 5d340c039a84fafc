using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Ingest.Client;
using PerfAspire.Mcp.Bundles;
using PerfAspire.Mcp.Catalog;
using PerfAspire.Mcp.Ingest;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>
/// Bundle lifecycle: load with progress, unload/purge, list, active context, switch, ingest status. The ingest side
/// is an <see cref="IIngestBackend"/> (the ingest service, or the ingestion runtime in this process); its typed
/// answers are relayed in their own wire shape (<see cref="IngestJson"/>). A load or a switch also becomes the
/// calling session's default bundle (<see cref="SessionBundles"/>).
/// </summary>
[McpServerToolType]
public sealed class SupportTools(IIngestBackend ingest, MetricCatalog catalog, SessionBundles session, TableStorage storage, IOptions<IngestOptions> options, ILogger<SupportTools> logger)
{
    /// <summary>A job ends succeeded, failed, or cancelled (<see cref="JobStates"/>).</summary>
    static bool Finished(LoadJobStatus job) => JobStates.IsFinished(job.State);

    [McpServerTool(Name = "support_load_bundle", Title = "Load a support bundle", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Loads a support bundle (directory, archive or ptop log on the server) and makes it active. Use it when none is active; next schema_list_metrics.")]
    public Task<CallToolResult> LoadBundle(
        RequestContext<CallToolRequestParams> request,
        [Description("Bundle path on the server.")] string path,
        [Description("Load again even if already loaded.")] bool? force = null,
        [Description("Subset: CPU, MEM, DISK, NET, TOP, SMAPS, DB, FASTPATH, OTHER.")] string[]? categories = null,
        [Description("Newest N ptop logs (1-10).")] int? max_files = null,
        [Description("Seconds to wait (default 600).")] int? wait_seconds = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_load_bundle", async () =>
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ToolError("invalid_argument", "path is required: the bundle's location on the server.", next: "Give the path of a bundle directory, archive or ptop log.");
            var wait = TimeSpan.FromSeconds(Math.Clamp(wait_seconds ?? options.Value.DefaultWaitSeconds, 0, 3600));
            var job = await ingest.StartLoadAsync(new LoadRequest(path.Trim(), force ?? false, categories, max_files), ct);
            var deadline = DateTimeOffset.UtcNow + wait;
            var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.PollMilliseconds));
            string? lastMessage = null;
            if (!Finished(job) && job.Progress is null && request.Params?.ProgressToken is { } started)
            {
                // A first notification at once: clients that handle messages concurrently (the C# SDK) can lose one
                // that arrives just before the result, so a short load should not have only its last one.
                await request.Server.NotifyProgressAsync(started,
                    new ProgressNotificationValue { Progress = 0, Total = 100, Message = $"{job.State}: {Text.Clip(path.Trim())}" }, cancellationToken: ct);
            }
            while (!Finished(job) && DateTimeOffset.UtcNow < deadline)
            {
                lastMessage = await ReportAsync(request, job, lastMessage, ct);
                await Task.Delay(poll, ct);
                job = await ingest.GetJobAsync(job.JobId, ct) ?? throw JobNotFound(job.JobId);
            }
            await ReportAsync(request, job, lastMessage, ct);
            if (job.State == JobStates.Succeeded)
            {
                catalog.Invalidate(); // a load may have created metrics at run time (SCHEMA_AUTO_UPDATE)
                var bundleId = job.BundleId ?? job.Summary?.BundleId;
                if (bundleId is not null) session.Choose(bundleId);
                return new
                {
                    job_id = job.JobId,
                    state = job.State,
                    bundle_id = bundleId,
                    reused = job.Summary?.Reused == true,
                    summary = Budget(Wire(job.Summary)),
                    next = "The bundle is now active. Call schema_list_tables or schema_list_metrics to see what it holds, then query_run.",
                };
            }
            if (job.State is JobStates.Failed or JobStates.Cancelled)
            {
                throw new ToolError(job.ErrorCode ?? "load_failed",
                    $"The load failed: {job.Error ?? "no reason given"}.",
                    next: "Check the path and the allowed bundle roots; support_list_bundles shows what is loaded.");
            }
            return new
            {
                job_id = job.JobId,
                state = job.State,
                bundle_id = job.BundleId,
                progress = Wire(job.Progress),
                still_running = true,
                next = $"The load is still running. Call support_ingest_status {{\"job_id\": \"{job.JobId}\"}} to follow it, or support_cancel_ingest to stop it.",
            };
        });

    [McpServerTool(Name = "support_unload_bundle", Title = "Unload bundle(s)", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Deletes a loaded bundle (bundle_id) or every bundle (purge_all); destructive. Use it to free space; next support_list_bundles.")]
    public Task<CallToolResult> UnloadBundle(
        [Description("Bundle to unload.")] string? bundle_id = null,
        [Description("true: unload every bundle.")] bool? purge_all = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_unload_bundle", async () =>
        {
            var purge = purge_all == true;
            var hasId = !string.IsNullOrWhiteSpace(bundle_id);
            if (purge == hasId)
            {
                throw new ToolError("invalid_argument", "Give exactly one of bundle_id (one bundle) or purge_all: true (every bundle).",
                    next: "support_list_bundles lists the bundle ids.");
            }
            var result = purge ? await ingest.PurgeAsync(ct) : await ingest.UnloadAsync(bundle_id!.Trim(), ct);
            session.Forget(purge ? null : bundle_id!.Trim());
            return new
            {
                result = Wire(result),
                next = "support_list_bundles shows what is left; support_load_bundle loads a bundle.",
            };
        });

    [McpServerTool(Name = "support_list_bundles", Title = "List loaded bundles", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists loaded bundles: id, active, host, time range, rows. Use it to pick a bundle_id for queries, support_switch_active or support_unload_bundle.")]
    public Task<CallToolResult> ListBundles(
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_list_bundles", async () =>
        {
            var list = await ingest.ListAsync(ct);
            var all = list.Bundles;
            var page = ListPage.Of(ListPage.Scope("support_list_bundles"), all, cursor, limit, 20, 100);
            var bytes = page.Items.Count > 0 ? await storage.TryBundleBytesAsync(ct) : null;
            return new
            {
                bundles = WithBytesEstimate(Wire(page.Items), bytes),
                bytes_estimate_method = bytes is null ? "not available (storage figures could not be read)" : BytesEstimateMethod,
                active_bundle_id = list.ActiveBundleId,
                count = page.Items.Count,
                total = page.Total,
                truncated = page.Truncated,
                next_cursor = page.NextCursor,
                next = page.Total == 0
                    ? "No bundle is loaded: call support_load_bundle {\"path\": ...}."
                    : page.Truncated
                        ? $"More bundles: call support_list_bundles again with cursor \"{page.NextCursor}\"."
                        : "Queries use the active bundle; support_switch_active {bundle_id} changes it, or pass bundle_id to a query tool.",
            };
        });

    const string BytesEstimateMethod = "a loaded bundle's share of each table's bytes on disk by its rows there, summed (bundles share chunks and pages); absent while a bundle is not loaded";

    /// <summary>Adds <c>bytes_estimate</c> to each listed bundle that has one.</summary>
    static System.Text.Json.Nodes.JsonNode? WithBytesEstimate(JsonElement bundles, IReadOnlyDictionary<string, long>? bytes)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(bundles.GetRawText());
        if (node is not System.Text.Json.Nodes.JsonArray array || bytes is null) return node;
        foreach (var item in array.OfType<System.Text.Json.Nodes.JsonObject>())
        {
            if (item["bundle_id"]?.GetValue<string>() is { } id && bytes.TryGetValue(id, out var b)) item["bytes_estimate"] = b;
        }
        return node;
    }

    [McpServerTool(Name = "support_active_context", Title = "Active bundle", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("The bundle this session queries by default: id, host, time range, scope (session or shared). Call it first to know the data and its time range.")]
    public Task<CallToolResult> ActiveContext(CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_active_context", async () =>
        {
            var active = await ingest.ActiveAsync(ct);
            var shared = active.Bundle?.BundleId;
            string? reason = null;
            if (session.Current is { } own)
            {
                if (await ingest.GetAsync(own, ct) is { } mine)
                {
                    return new
                    {
                        bundle = Wire(mine.Bundle),
                        scope = "session",
                        reason = shared == own
                            ? "This session loaded or switched to this bundle; it is also the shared active bundle."
                            : $"This session loaded or switched to this bundle, so its queries use it; the shared active bundle (other clients' default) is {shared ?? "none"}.",
                        warnings = Array.Empty<string>(),
                        next = "schema_list_tables / schema_list_metrics show what it holds; query_run queries it.",
                    };
                }
                reason = $"The bundle this session chose ({own}) is no longer loaded, so the session uses the shared active bundle.";
            }
            var warnings = active.Warnings.ToList();
            if (active.Bundle is null && !warnings.Contains(Bundles.BundleScope.NoActiveBundle)) warnings.Add(Bundles.BundleScope.NoActiveBundle);
            return new
            {
                bundle = active.Bundle is null ? default(JsonElement?) : Wire(active.Bundle),
                scope = "shared",
                reason = reason ?? (session.HasSession
                    ? "This session has not loaded or switched to a bundle, so it uses the shared active bundle (the last one any client loaded or switched to)."
                    : "This client has no MCP session (a sessionless protocol version), so it uses the shared active bundle; pass bundle_id to a query tool to read another."),
                warnings,
                next = active.Bundle is null
                    ? "Load a bundle with support_load_bundle {\"path\": ...}, or activate a loaded one with support_switch_active."
                    : "schema_list_tables / schema_list_metrics show what it holds; query_run queries it.",
            };
        });

    [McpServerTool(Name = "support_switch_active", Title = "Switch active bundle", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Makes a loaded bundle the active one, the default of every query. Use it to move between bundles; next support_active_context or query_run.")]
    public Task<CallToolResult> SwitchActive(
        [Description("Bundle to make active.")] string bundle_id,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_switch_active", async () =>
        {
            if (string.IsNullOrWhiteSpace(bundle_id)) throw new ToolError("invalid_argument", "bundle_id is required.", next: "support_list_bundles lists the bundle ids.");
            var result = await ingest.SwitchActiveAsync(bundle_id.Trim(), ct);
            session.Choose(bundle_id.Trim());
            return new { result = Wire(result), next = "Queries now use this bundle by default: schema_list_metrics, query_run." };
        });

    [McpServerTool(Name = "support_ingest_status", Title = "Ingest status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Status of a load job (state, progress, ETA, summary when done); without job_id the recent jobs. Use it to follow a long load.")]
    public Task<CallToolResult> IngestStatus(
        [Description("Job id from support_load_bundle.")] string? job_id = null,
        [Description(ListPage.CursorHelp)] string? cursor = null,
        [Description(ListPage.LimitHelp)] int? limit = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_ingest_status", async () =>
        {
            if (string.IsNullOrWhiteSpace(job_id))
            {
                var all = await ingest.ListJobsAsync(ct);
                var page = ListPage.Of(ListPage.Scope("support_ingest_status"), all, cursor, limit, 20, 100);
                return new
                {
                    jobs = Wire(page.Items),
                    count = page.Items.Count,
                    total = page.Total,
                    truncated = page.Truncated,
                    next_cursor = page.NextCursor,
                    next = page.Truncated
                        ? $"More jobs: call support_ingest_status again with cursor \"{page.NextCursor}\"; {{\"job_id\": ...}} shows one job."
                        : "Call support_ingest_status {\"job_id\": ...} for one job's progress and summary.",
                };
            }
            var job = await ingest.GetJobAsync(job_id.Trim(), ct) ?? throw JobNotFound(job_id.Trim());
            var state = job.State;
            return new
            {
                job = Budget(Wire(job)),
                next = state == JobStates.Succeeded ? "The bundle is loaded and active: schema_list_metrics, query_run."
                    : state == JobStates.Failed ? "The load failed; see error. Fix the cause and call support_load_bundle again."
                    : "Still running: call support_ingest_status again in a few seconds.",
            };
        });

    [McpServerTool(Name = "support_cancel_ingest", Title = "Cancel a load", ReadOnly = false, Destructive = true, OpenWorld = false)]
    [Description("Stops a queued or running load; nothing of it is kept. Next: support_list_bundles.")]
    public Task<CallToolResult> CancelIngest(
        [Description("Job id from support_load_bundle.")] string job_id,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "support_cancel_ingest", async () =>
        {
            if (string.IsNullOrWhiteSpace(job_id)) throw new ToolError("invalid_argument", "job_id is required: the id support_load_bundle answered.", next: "support_ingest_status lists the recent jobs.");
            var job = await ingest.CancelJobAsync(job_id.Trim(), ct: ct) ?? throw JobNotFound(job_id.Trim());
            return new
            {
                job = Budget(Wire(job)),
                next = job.State == JobStates.Cancelled
                    ? "Cancelled; its rows were removed. support_list_bundles shows what is loaded."
                    : "Still stopping: call support_ingest_status {\"job_id\": ...} in a few seconds.",
            };
        });

    /// <summary>
    /// Sends a progress notification when something visible changed; returns the message sent. Awaited (not the SDK's
    /// fire-and-forget IProgress) so the last notification is on the wire before the result: a client drops
    /// notifications for a request that has already been answered.
    /// </summary>
    static async Task<string?> ReportAsync(RequestContext<CallToolRequestParams> request, LoadJobStatus job, string? last, CancellationToken ct)
    {
        if (request.Params?.ProgressToken is not { } token) return last;
        if (job.Progress is not { } p) return last;
        var eta = p.EtaSeconds is { } s ? string.Create(CultureInfo.InvariantCulture, $", ETA {s:0} s") : "";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{p.Phase ?? job.State}: file {p.FileIndex}/{p.FileCount} {p.FileName}, {p.RowsWritten:0} rows, {p.RowsPerSecond:0} rows/s{eta}");
        if (message == last) return last;
        await request.Server.NotifyProgressAsync(token,
            new ProgressNotificationValue { Progress = (float)Math.Round(Math.Clamp(p.Fraction, 0, 1) * 100, 1), Total = 100, Message = message },
            cancellationToken: ct);
        return message;
    }

    static ToolError JobNotFound(string jobId) =>
        new("job_not_found", $"job_not_found: no job {jobId}", next: "support_ingest_status without job_id lists the recent jobs.");

    /// <summary>The ingest contract's own wire shape (snake_case, nulls kept), the same over HTTP and in process.</summary>
    static JsonElement Wire<T>(T value) => JsonSerializer.SerializeToElement(value, IngestJson.Options);

    /// <summary>Load summaries carry per-file and per-prefix detail; past the response budget the detail goes first.</summary>
    static JsonElement? Budget(JsonElement e)
    {
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        if (e.GetRawText().Length <= ToolResponse.BudgetChars - 2_000) return e;
        var node = System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject();
        foreach (var heavy in new[] { "files", "rejected_samples", "malformed", "unknown" })
        {
            if (node.Remove(heavy) && node.ToJsonString().Length <= ToolResponse.BudgetChars - 2_000) break;
        }
        node["detail_trimmed"] = true;
        return JsonSerializer.SerializeToElement(node);
    }

}
