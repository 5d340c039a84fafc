using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Spec;

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

    readonly string _s = CopyCommands.Quote(schema);

    public NpgsqlDataSource DataSource => dataSource;

    public string Schema => schema;

    const string Columns = """
        bundle_id, bundle_hash, source_path, source_kind, sptid, host, host_id, ptop_version, sample_interval_seconds,
        categories, state, active, created_at, loaded_at, time_start, time_end, rows_total, values_total, logs_processed,
        max_files, error
        """;

    public async Task<IReadOnlyList<BundleInfo>> ListAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles ORDER BY created_at DESC, bundle_id");
        return await ReadAsync(cmd, ct);
    }

    public async Task<BundleInfo?> GetAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles WHERE bundle_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    public async Task<BundleInfo?> ActiveAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles WHERE active");
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<BundleInfo>> ByHashAsync(string hash, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles WHERE bundle_hash = $1 ORDER BY loaded_at DESC NULLS LAST, created_at DESC");
        cmd.Parameters.Add(new NpgsqlParameter { Value = hash });
        return await ReadAsync(cmd, ct);
    }

    public async Task<LoadSummary?> SummaryAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT summary::text FROM {_s}.bundles WHERE bundle_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var text = await cmd.ExecuteScalarAsync(ct) as string;
        return text is null ? null : JsonSerializer.Deserialize<LoadSummary>(text, IngestJson.Options);
    }

    public async Task<IReadOnlyList<string>> FilesAsync(string bundleId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT member_path FROM {_s}.bundle_files WHERE bundle_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    public async Task InsertLoadingAsync(BundleInfo b, string? ptopArgs, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            INSERT INTO {_s}.bundles (bundle_id, bundle_hash, source_path, source_kind, sptid, host, host_id, ptop_version,
              sample_interval_seconds, categories, state, active, max_files, ptop_args, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '{Loading}', false, $11, $12, now())
            """);
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
        if (series is not null) await series.WriteAsync(conn, tx, _s, summary.BundleId, summary.Sptid, summary.Host, ct);
        await using (var cmd = new NpgsqlCommand($"""
            UPDATE {_s}.bundles SET state = '{Loaded}', loaded_at = now(), updated_at = now(), categories = $2,
              time_start = $3, time_end = $4, rows_total = $5, values_total = $6, logs_processed = $7, summary = $8::jsonb,
              error = NULL, sptid = $9, host = $10, host_id = $11, ptop_version = $12, sample_interval_seconds = $13
            WHERE bundle_id = $1
            """, conn, tx))
        {
            Add(cmd, summary.BundleId, summary.Categories.ToArray(), summary.TimeStart, summary.TimeEnd, summary.MetricsIngested.Rows,
                summary.MetricsIngested.Values, summary.LogsProcessed, JsonSerializer.Serialize(summary, IngestJson.Options),
                summary.Sptid, summary.Host, summary.HostId, summary.PtopVersion, summary.SampleIntervalSeconds);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var (f, size, sha) in files)
        {
            await using var cmd = new NpgsqlCommand($"""
                INSERT INTO {_s}.bundle_files (bundle_id, member_path, file_name, file_ts, size_bytes, sha256, categories, lines_read,
                  rows_written, malformed_lines, stats)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
                ON CONFLICT (bundle_id, member_path) DO UPDATE SET categories = EXCLUDED.categories,
                  rows_written = {_s}.bundle_files.rows_written + EXCLUDED.rows_written, stats = EXCLUDED.stats
                """, conn, tx);
            Add(cmd, summary.BundleId, f.MemberPath, f.FileName, f.FileTime, size, sha, summary.Categories.ToArray(), f.Lines,
                f.Rows + f.TextRecords, f.MalformedLines, JsonSerializer.Serialize(f, IngestJson.Options));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await ActivateAsync(conn, tx, summary.BundleId, ct);
        await tx.CommitAsync(ct);
    }

    public async Task MarkFailedAsync(string bundleId, string error, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            UPDATE {_s}.bundles SET state = '{Failed}', active = false, error = $2, updated_at = now(), rows_total = 0, values_total = 0
            WHERE bundle_id = $1
            """);
        Add(cmd, bundleId, error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Makes a loaded bundle the active one. Throws bundle_not_found / bundle_busy for others.</summary>
    public async Task SetActiveAsync(string bundleId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var check = new NpgsqlCommand($"SELECT state FROM {_s}.bundles WHERE bundle_id = $1", conn, tx))
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
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({ActiveSwitchLock})"),
                new NpgsqlBatchCommand($"UPDATE {_s}.bundles SET active = false WHERE active AND bundle_id <> $1") { Parameters = { new() { Value = bundleId } } },
                new NpgsqlBatchCommand($"UPDATE {_s}.bundles SET active = true WHERE bundle_id = $1") { Parameters = { new() { Value = bundleId } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }

    public async Task SetStateAsync(string bundleId, string state, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"UPDATE {_s}.bundles SET state = $2, active = active AND $2 = '{Loaded}', updated_at = now() WHERE bundle_id = $1");
        Add(cmd, bundleId, state);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every base table of the schema holding bundle rows (the spec's, discovered ones and text records).</summary>
    public async Task<IReadOnlyList<string>> DataTablesAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT c.table_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = $1 AND c.column_name = 'bundle_id' AND t.table_type = 'BASE TABLE' AND c.table_name LIKE 'ptops\_%'
            ORDER BY 1
            """);
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
            await using var cmd = dataSource.CreateCommand($"DELETE FROM {_s}.{CopyCommands.Quote(t)} WHERE bundle_id = $1");
            cmd.CommandTimeout = 0;
            cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            deleted += await cmd.ExecuteNonQueryAsync(ct);
        }
        // The rollup rows of those tables go with them (not counted: they are not samples).
        foreach (var rollupTable in new[] { "bundle_series", "bundle_buckets" })
        {
            await using var rollup = dataSource.CreateCommand(tables is null
                ? $"DELETE FROM {_s}.{rollupTable} WHERE bundle_id = $1"
                : $"DELETE FROM {_s}.{rollupTable} WHERE bundle_id = $1 AND table_name = ANY($2)");
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
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {_s}.ingest_runs WHERE bundle_id = $1") { Parameters = { new() { Value = bundleId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"DELETE FROM {_s}.bundles WHERE bundle_id = $1") { Parameters = { new() { Value = bundleId } } });
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Empties every data table and the lifecycle tables.</summary>
    public async Task<long> TruncateAllAsync(CancellationToken ct = default)
    {
        var tables = await DataTablesAsync(ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        long rows;
        await using (var count = new NpgsqlCommand($"SELECT coalesce(sum(rows_total), 0)::bigint FROM {_s}.bundles", conn, tx))
        {
            rows = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        var list = string.Join(", ", tables.Select(t => $"{_s}.{CopyCommands.Quote(t)}").Append($"{_s}.bundle_series").Append($"{_s}.bundle_buckets").Append($"{_s}.bundle_files").Append($"{_s}.ingest_runs").Append($"{_s}.bundles"));
        await using (var cmd = new NpgsqlCommand($"TRUNCATE {list}", conn, tx) { CommandTimeout = 0 })
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<BundleInfo>> LoadedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles WHERE state = '{Loaded}' AND loaded_at < $1 ORDER BY loaded_at");
        cmd.Parameters.Add(new NpgsqlParameter { Value = cutoff.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return await ReadAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<BundleInfo>> InStateAsync(string state, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM {_s}.bundles WHERE state = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = state });
        return await ReadAsync(cmd, ct);
    }

    public async Task<long> StartRunAsync(string bundleId, string jobId, IReadOnlyList<string> categories, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"INSERT INTO {_s}.ingest_runs (bundle_id, job_id, state, categories) VALUES ($1, $2, 'running', $3) RETURNING run_id");
        Add(cmd, bundleId, jobId, categories.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Category loads still marked running on a loaded bundle: an incremental load in progress, or one whose process
    /// died. Returns the run, the bundle, its content hash, the run's categories and the categories the bundle lists.
    /// </summary>
    public async Task<IReadOnlyList<(long RunId, string BundleId, string Hash, string[] Categories, string[] Visible)>> RunningCategoryLoadsAsync(CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT r.run_id, b.bundle_id, b.bundle_hash, r.categories, b.categories FROM {_s}.ingest_runs r
            JOIN {_s}.bundles b ON b.bundle_id = r.bundle_id
            WHERE r.state = 'running' AND b.state = '{Loaded}' ORDER BY r.run_id
            """);
        var list = new List<(long, string, string, string[], string[])>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetFieldValue<string[]>(4)));
        return list;
    }

    /// <summary>The run's state, or null when there is no such run.</summary>
    public async Task<string?> RunStateAsync(long runId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT state FROM {_s}.ingest_runs WHERE run_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = runId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task FinishRunAsync(long runId, string state, LoadSummary? summary, string? error, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"UPDATE {_s}.ingest_runs SET state = $2, finished_at = now(), summary = $3::jsonb, error = $4 WHERE run_id = $1");
        Add(cmd, runId, state, summary is null ? null : JsonSerializer.Serialize(summary, IngestJson.Options), error);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task UpdateRunProgressAsync(long runId, LoadProgress progress, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"UPDATE {_s}.ingest_runs SET progress = $2::jsonb WHERE run_id = $1");
        Add(cmd, runId, JsonSerializer.Serialize(progress, IngestJson.Options));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A job of another ingest instance (or of this one before a restart), from ingest_runs.</summary>
    public async Task<(string BundleId, string State, LoadProgress? Progress, LoadSummary? Summary, string? Error, DateTimeOffset Started, DateTimeOffset? Finished)?>
        RunByJobAsync(string jobId, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT bundle_id, state, progress::text, summary::text, error, started_at, finished_at FROM {_s}.ingest_runs WHERE job_id = $1 ORDER BY run_id DESC LIMIT 1");
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
