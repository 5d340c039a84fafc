using System.Text.Json;
using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Database;
using PerfAspire.ServiceDefaults.Database;
using Spectre.Console;

namespace PerfAspire.Ingest.Cli;

/// <summary>
/// <c>perfaspire-ingest load|list|active|use|unload|purge</c>: the bundle lifecycle from a terminal, on the same code
/// as the HTTP API (<see cref="IngestRuntime"/>), against TIMESCALE_DSN or <c>--dsn</c>. A live progress bar while
/// loading, a readable summary after; <c>--json</c> prints the API's JSON instead. Exit codes: 0 done, 1 failed,
/// 2 usage error.
/// </summary>
public static class IngestCli
{
    static readonly string[] Verbs = ["load", "list", "active", "use", "unload", "purge", "help", "--help", "-h"];

    /// <summary>
    /// The CLI's settings: the environment, read like the service reads its configuration (variables or
    /// <c>Section__Key</c>). The CLI builds no host; it binds the same options with the same checks
    /// (<see cref="IngestServices.ReadIngestSettings"/>), which stop it with a message naming a bad setting.
    /// </summary>
    static IConfiguration Settings => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    const string Usage = """
        usage: perfaspire-ingest <command> [options]

          load <path> [--force] [--categories CPU,MEM,...] [--max-files N]   load a bundle (directory, .tar.gz/.tgz/.tar, .zip, ptop log)
          list                                                               list bundles
          active                                                             show the active bundle
          use <bundle_id>                                                    make a loaded bundle active
          unload <bundle_id>                                                 delete a bundle and its rows
          purge --yes                                                        delete every bundle
          generate ...                                                       write synthetic ptop bundles (see generate --help)

        options: --json (machine-readable output)  --dsn <postgresql://user:pass@host:port/db> (default: TIMESCALE_DSN)
        categories: CPU, MEM, DISK, NET, TOP, SMAPS, DB, FASTPATH, OTHER
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        CliArgs a;
        try
        {
            a = CliArgs.Parse(args);
        }
        catch (IngestException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (a.Verb is "help" or "--help" or "-h")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            var dsn = a.Option("dsn") ?? Settings["TIMESCALE_DSN"] ?? DatabaseTarget.DefaultDsn;
            var connectionString = ConnectionStrings.Normalize(dsn);
            await using var runtime = IngestRuntime.Create(IngestServices.ReadIngestSettings(Settings), connectionString);
            await runtime.EnsureReadyAsync(cts.Token);
            return a.Verb switch
            {
                "load" => await LoadAsync(runtime, a, cts.Token),
                "list" => await ListAsync(runtime, a, cts.Token),
                "active" => await ActiveAsync(runtime, a, cts.Token),
                "use" => await UseAsync(runtime, a, cts.Token),
                "unload" => await UnloadAsync(runtime, a, cts.Token),
                "purge" => await PurgeAsync(runtime, a, cts.Token),
                _ => 2,
            };
        }
        catch (IngestException e)
        {
            return Fail(a, e.Code, e.Message, e.Code is IngestErrors.InvalidArgument or IngestErrors.InvalidCategory or IngestErrors.InvalidMaxFiles ? 2 : 1);
        }
        catch (OperationCanceledException)
        {
            return Fail(a, "cancelled", "cancelled", 1);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException || e.InnerException is NpgsqlException or System.Net.Sockets.SocketException)
        {
            return Fail(a, IngestErrors.DatabaseUnavailable, $"database_unavailable: {PerfAspire.Schema.FailureCause.Describe(e)} (set TIMESCALE_DSN or --dsn)", 1);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return Fail(a, IngestErrors.InvalidArgument, $"invalid_argument: {e.Message}", 2);
        }
    }

    static int Fail(CliArgs a, string code, string message, int exit)
    {
        if (a.Json) Console.WriteLine(JsonSerializer.Serialize(new ErrorResponse(code, message), IngestJson.Indented));
        else Console.Error.WriteLine($"error: {message}");
        return exit;
    }

    static async Task<int> LoadAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        var path = a.Positional(0) ?? throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: load needs a bundle path");
        var maxFiles = a.Option("max-files") is { } m
            ? int.TryParse(m, out var n) ? n : throw new IngestException(IngestErrors.InvalidMaxFiles, $"invalid_max_files: '{m}' is not a number between 1 and 10")
            : (int?)null;
        var categories = a.Option("categories") is { } c ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        var request = new LoadRequest(Path.GetFullPath(path), a.Flag("force"), categories, maxFiles);
        var jobId = "cli-" + Guid.NewGuid().ToString("N")[..12];

        LoadSummary summary;
        if (a.Json || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            summary = await runtime.Loader.LoadAsync(request, jobId, null, ct);
        }
        else
        {
            summary = await AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("discovering", maxValue: 1.0);
                    var progress = new CallbackProgress(p =>
                    {
                        task.Value = p.Fraction;
                        task.Description = p.Phase == "ingesting" && p.FileCount > 0
                            ? Markup.Escape($"file {p.FileIndex}/{p.FileCount} {p.FileName}  {p.RowsWritten:N0} rows  {p.RowsPerSecond:N0} rows/s")
                            : Markup.Escape(p.Phase.Replace('_', ' '));
                    });
                    var s = await runtime.Loader.LoadAsync(request, jobId, progress, ct);
                    task.Value = 1.0;
                    task.Description = s.Reused ? "reused" : "done";
                    return s;
                });
        }
        if (a.Json) Console.WriteLine(JsonSerializer.Serialize(summary, IngestJson.Indented));
        else PrintSummary(summary);
        return 0;
    }

    static void PrintSummary(LoadSummary s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("bundle_id", Markup.Escape(s.BundleId));
        grid.AddRow("reused", s.Reused ? "[yellow]yes[/]" : "no");
        grid.AddRow("sptid", Markup.Escape(s.Sptid ?? "-"));
        grid.AddRow("host", Markup.Escape($"{s.Host} (host_id {s.HostId ?? "unknown"}, ptop {s.PtopVersion ?? "unknown"}, interval {s.SampleIntervalSeconds?.ToString() ?? "?"} s)"));
        grid.AddRow("categories", Markup.Escape(string.Join(", ", s.Categories)));
        grid.AddRow("logs processed", s.LogsProcessed.ToString());
        grid.AddRow("time range", Markup.Escape($"{s.TimeStart:u} .. {s.TimeEnd:u}"));
        grid.AddRow("metrics ingested", $"{s.MetricsIngested.Rows:N0} rows, {s.MetricsIngested.Values:N0} values, {s.TextRecords:N0} text records");
        grid.AddRow("malformed / unknown", $"{s.Malformed.Count:N0} / {s.Unknown.Count:N0}");
        if (s.RowsRejected > 0) grid.AddRow("[red]rows rejected[/]", s.RowsRejected.ToString("N0"));
        grid.AddRow("duration", $"{s.DurationSeconds:F1} s ({s.RowsPerSecond:N0} rows/s)");
        AnsiConsole.Write(new Panel(grid).Header("load summary"));
        if (s.RowsPerTable.Count > 0)
        {
            var t = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (table, rows) in s.RowsPerTable) t.AddRow(Markup.Escape(table), rows.ToString("N0"));
            AnsiConsole.Write(t);
        }
        foreach (var sample in s.Malformed.Samples.Take(5)) AnsiConsole.MarkupLine($"[grey]malformed: {Markup.Escape(sample)}[/]");
        foreach (var w in s.Warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
    }

    static async Task<int> ListAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        var list = await runtime.Store.ListAsync(ct);
        if (a.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new BundleList(list, list.FirstOrDefault(b => b.Active)?.BundleId), IngestJson.Indented));
            return 0;
        }
        if (list.Count == 0)
        {
            Console.WriteLine("no bundles loaded");
            return 0;
        }
        var t = new Table().AddColumns("", "bundle_id", "state", "sptid", "host", "categories", "rows", "samples", "loaded_at");
        foreach (var b in list)
        {
            t.AddRow(b.Active ? "[green]*[/]" : "", Markup.Escape(b.BundleId), Markup.Escape(b.State), Markup.Escape(b.Sptid ?? "-"), Markup.Escape(b.Host),
                Markup.Escape(string.Join(",", b.Categories)), b.RowsTotal.ToString("N0"), Markup.Escape($"{b.TimeStart:u} .. {b.TimeEnd:u}"),
                Markup.Escape($"{b.LoadedAt:u}"));
        }
        AnsiConsole.Write(t);
        return 0;
    }

    static async Task<int> ActiveAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        var active = await runtime.Store.ActiveAsync(ct);
        if (a.Json) Console.WriteLine(JsonSerializer.Serialize(new ActiveBundle(active, active is null ? ["no_active_bundle"] : []), IngestJson.Indented));
        else Console.WriteLine(active is null ? "no active bundle" : $"{active.BundleId}  {active.SourcePath}");
        return 0;
    }

    static async Task<int> UseAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        var id = a.Positional(0) ?? throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: use needs a bundle_id");
        await runtime.Store.SetActiveAsync(id, ct);
        return await ActiveAsync(runtime, a, ct);
    }

    static async Task<int> UnloadAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        var id = a.Positional(0) ?? throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: unload needs a bundle_id");
        var result = await runtime.Admin.UnloadAsync(id, ct);
        if (a.Json) Console.WriteLine(JsonSerializer.Serialize(result, IngestJson.Indented));
        else Console.WriteLine($"unloaded {id} ({result.RowsDeleted:N0} rows)");
        return 0;
    }

    static async Task<int> PurgeAsync(IngestRuntime runtime, CliArgs a, CancellationToken ct)
    {
        if (!a.Flag("yes")) throw new IngestException(IngestErrors.InvalidArgument, "invalid_argument: purge deletes every bundle; confirm with --yes");
        var result = await runtime.Admin.PurgeAllAsync(ct);
        if (a.Json) Console.WriteLine(JsonSerializer.Serialize(result, IngestJson.Indented));
        else Console.WriteLine($"purged {result.Unloaded.Count} bundles");
        return 0;
    }
}
