using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Query;

namespace PerfAspire.Ingest.Lifecycle;

/// <summary>
/// The lifecycle tables (bundles, bundle_files, ingest_runs; LifecycleDdl) and the deletion of a bundle's rows.
/// States: <c>loading</c> (rows being written, never queried as complete), <c>loaded</c>, <c>failed</c> (no rows),
/// <c>unloading</c>. At most one bundle is active (a unique partial index); switching happens in one transaction.
/// </summary>
public sealed class BundleStore(NpgsqlDataSource dataSource, string schema)
{
    public const string Loading = "loading";
    public const string Loaded = "loaded";
    public const string Failed = "failed";
    public const string Unloading = "unloading";

    /// <summary>Serialises switches of the active bundle (advisory transaction lock key).</summary>
    const long ActiveSwitchLock = 0x5045_5246_4143_5431; // "PERFACT1"

    public NpgsqlDataSource DataSource => dataSource;

    public string Schema => schema;

    public async Task<IReadOnlyList<BundleInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.Bundles(schema));
        return await ReadAsync(cmd, ct);
    }

    public async Task<BundleInfo?> GetAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.Bundle(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    public async Task<BundleInfo?> ActiveAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.Active(schema));
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<BundleInfo>> ByHashAsync(string hash, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.BundlesByHash(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await ReadAsync(cmd, ct);
    }

    public async Task<LoadSummary?> SummaryAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.Summary(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var text = await cmd.ExecuteScalarAsync(ct) as string;
        return text is null ? null : JsonSerializer.Deserialize<LoadSummary>(text, IngestJson.Options);
    }

    public async Task<IReadOnlyList<string>> FilesAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.FilePaths(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    public async Task InsertLoadingAsync(BundleInfo b, string? ptopArgs, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.InsertLoading(schema, Loading));
        Add(cmd, b.BundleId, b.BundleHash, b.SourcePath, b.SourceKind, b.Sptid, b.Host, b.HostId, b.PtopVersion,
            b.SampleIntervalSeconds, b.Categories.ToArray(), b.MaxFiles, ptopArgs);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks the bundle loaded with its summary and files, and makes it the active bundle — one transaction.</summary>
    public Task MarkLoadedAsync(LoadSummary summary, IReadOnlyList<(LoadedFile File, long? Size, string? Sha256)> files,
        CancellationToken ct = default) => MarkLoadedAsync(summary, files, null, ct);

    /// <summary>As above, writing the load's series rollup (bundle_series) in the same transaction.</summary>
    internal async Task MarkLoadedAsync(LoadSummary summary, IReadOnlyList<(LoadedFile File, long? Size, string? Sha256)> files,
        BundleSeriesRows? series, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (series is not null) await series.WriteAsync(conn, tx, schema, summary.BundleId, summary.Sptid, summary.Host, ct);
        await using (var cmd = new NpgsqlCommand(LifecycleSql.MarkLoaded(schema, Loaded), conn, tx))
        {
            Add(cmd, summary.BundleId, summary.Categories.ToArray(), summary.TimeStart, summary.TimeEnd, summary.MetricsIngested.Rows,
                summary.MetricsIngested.Values, summary.LogsProcessed, JsonSerializer.Serialize(summary, IngestJson.Options),
                summary.Sptid, summary.Host, summary.HostId, summary.PtopVersion, summary.SampleIntervalSeconds);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (f, size, sha) in files)
        {
            await using var cmd = new NpgsqlCommand(LifecycleSql.UpsertFile(schema), conn, tx);
            Add(cmd, summary.BundleId, f.MemberPath, f.FileName, f.FileTime, size, sha, summary.Categories.ToArray(), f.Lines,
                f.Rows + f.TextRecords, f.MalformedLines, JsonSerializer.Serialize(f, IngestJson.Options));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await ActivateAsync(conn, tx, summary.BundleId, ct);
        await tx.CommitAsync(ct);
    }

    public async Task MarkFailedAsync(string bundleId, string error, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.MarkFailed(schema, Failed));
        Add(cmd, bundleId, error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Makes a loaded bundle the active one. Throws bundle_not_found / bundle_busy for others.</summary>
    public async Task SetActiveAsync(string bundleId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var check = new NpgsqlCommand(LifecycleSql.State(schema), conn, tx))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            var state = await check.ExecuteScalarAsync(ct) as string;
            if (state is null) throw new IngestException(IngestErrors.BundleNotFound, $"bundle_not_found: no bundle {bundleId}", 404);
            if (state != Loaded) throw new IngestException(IngestErrors.BundleBusy, $"bundle_busy: bundle {bundleId} is {state}, only a loaded bundle can be active", 409);
        }
        await ActivateAsync(conn, tx, bundleId, ct);
        await tx.CommitAsync(ct);
    }

    async Task ActivateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string bundleId, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        var statements = LifecycleSql.Activate(schema, ActiveSwitchLock);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(statements[0]));
        foreach (var sql in statements.Skip(1)) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = bundleId } } });
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task SetStateAsync(string bundleId, string state, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.SetState(schema, Loaded));
        Add(cmd, bundleId, state);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every base table of the schema holding bundle rows (the spec's, discovered ones and text records).</summary>
    public async Task<IReadOnlyList<string>> DataTablesAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.DataTables);
        cmd.Parameters.Add(new NpgsqlParameter { Value = schema });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>Deletes the bundle's rows from <paramref name="tables"/> (default: every data table). Returns rows deleted.</summary>
    public async Task<long> DeleteRowsAsync(string bundleId, IEnumerable<string>? tables = null, CancellationToken ct = default)
    {
        var existing = await DataTablesAsync(ct);
        var targets = tables is null ? existing : existing.Intersect(tables, StringComparer.Ordinal).ToList();
        long deleted = 0;
        foreach (var t in targets)
        {
            await using var cmd = dataSource.CreateCommand(LifecycleSql.DeleteRows(schema, t));
            cmd.CommandTimeout = 0;
            cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            deleted += await cmd.ExecuteNonQueryAsync(ct);
        }
        // The rollup rows of those tables go with them (not counted: they are not samples).
        foreach (var sql in LifecycleSql.DeleteRollup(schema, ofTables: tables is not null))
        {
            await using var rollup = dataSource.CreateCommand(sql);
            rollup.CommandTimeout = 0;
            rollup.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            if (tables is not null) rollup.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
            await rollup.ExecuteNonQueryAsync(ct);
        }
        return deleted;
    }

    /// <summary>Removes the bundle's lifecycle rows (bundle, files by cascade, runs).</summary>
    public async Task DeleteBundleAsync(string bundleId, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var sql in LifecycleSql.DeleteBundle(schema)) batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new() { Value = bundleId } } });
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Empties every data table and the lifecycle tables.</summary>
    public async Task<long> TruncateAllAsync(CancellationToken ct = default)
    {
        var tables = await DataTablesAsync(ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long rows;
        await using (var count = new NpgsqlCommand(LifecycleSql.RowsTotal(schema), conn, tx))
        {
            rows = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        await using (var cmd = new NpgsqlCommand(LifecycleSql.TruncateAll(schema, tables), conn, tx) { CommandTimeout = 0 })
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<BundleInfo>> LoadedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.LoadedBefore(schema, Loaded));
        cmd.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<BundleInfo>> InStateAsync(string state, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.BundlesInState(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = state });
        return await ReadAsync(cmd, ct);
    }

    public async Task<long> StartRunAsync(string bundleId, string jobId, IReadOnlyList<string> categories, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.StartRun(schema));
        Add(cmd, bundleId, jobId, categories.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Category loads still marked running on a loaded bundle: an incremental load in progress, or one whose process
    /// died. Returns the run, the bundle, its content hash, the run's categories and the categories the bundle lists.
    /// </summary>
    public async Task<IReadOnlyList<(long RunId, string BundleId, string Hash, string[] Categories, string[] Visible)>> RunningCategoryLoadsAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.RunningCategoryLoads(schema, Loaded));
        var list = new List<(long, string, string, string[], string[])>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetFieldValue<string[]>(4)));
        return list;
    }

    /// <summary>The run's state, or null when there is no such run.</summary>
    public async Task<string?> RunStateAsync(long runId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.RunState(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = runId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task FinishRunAsync(long runId, string state, LoadSummary? summary, string? error, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.FinishRun(schema));
        Add(cmd, runId, state, summary is null ? null : JsonSerializer.Serialize(summary, IngestJson.Options), error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task UpdateRunProgressAsync(long runId, LoadProgress progress, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.RunProgress(schema));
        Add(cmd, runId, JsonSerializer.Serialize(progress, IngestJson.Options));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A job of another ingest instance (or of this one before a restart), from ingest_runs.</summary>
    public async Task<(string BundleId, string State, LoadProgress? Progress, LoadSummary? Summary, string? Error, DateTimeOffset Started, DateTimeOffset? Finished)?>
        RunByJobAsync(string jobId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand(LifecycleSql.RunByJob(schema));
        cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (r.GetString(0), r.GetString(1),
            r.IsDBNull(2) ? null : JsonSerializer.Deserialize<LoadProgress>(r.GetString(2), IngestJson.Options),
            r.IsDBNull(3) ? null : JsonSerializer.Deserialize<LoadSummary>(r.GetString(3), IngestJson.Options),
            r.IsDBNull(4) ? null : r.GetString(4),
            r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6));
    }

    static void Add(NpgsqlCommand cmd, params object?[] values)
    {
        // Untyped nulls let the server infer the column type.
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
    }

    static async Task<IReadOnlyList<BundleInfo>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<BundleInfo>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new BundleInfo
            {
                BundleId = r.GetString(0),
                BundleHash = r.GetString(1),
                SourcePath = r.GetString(2),
                SourceKind = r.IsDBNull(3) ? null : r.GetString(3),
                Sptid = r.IsDBNull(4) ? null : r.GetString(4),
                Host = r.GetString(5),
                HostId = r.IsDBNull(6) ? null : r.GetString(6),
                PtopVersion = r.IsDBNull(7) ? null : r.GetString(7),
                SampleIntervalSeconds = r.IsDBNull(8) ? null : r.GetInt32(8),
                Categories = r.GetFieldValue<string[]>(9),
                State = r.GetString(10),
                Active = r.GetBoolean(11),
                CreatedAt = r.GetFieldValue<DateTimeOffset>(12),
                LoadedAt = r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
                TimeStart = r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
                TimeEnd = r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
                RowsTotal = r.GetInt64(16),
                ValuesTotal = r.GetInt64(17),
                LogsProcessed = r.GetInt32(18),
                MaxFiles = r.IsDBNull(19) ? null : r.GetInt32(19),
                Error = r.IsDBNull(20) ? null : r.GetString(20),
            });
        }
        return list;
    }
}
