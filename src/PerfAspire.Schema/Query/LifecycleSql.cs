using PerfAspire.Schema.Sql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// The statements of a bundle's lifecycle that ingestion runs (<see cref="LifecycleDdl"/> declares the tables):
/// bundles, bundle_files and ingest_runs rows, the switch of the active bundle, the deletion of a bundle's rows and the
/// settings of a COPY connection. Values are positional parameters (<c>$1</c>, <c>$2</c>, ...) bound by the caller in
/// the order each method's summary gives; names read from the database go through <see cref="SqlIdentifier.Delimited"/>.
/// </summary>
public static class LifecycleSql
{
    /// <summary>The columns <see cref="Bundles"/> reads, in this order.</summary>
    public const string BundleColumns = """
        bundle_id, bundle_hash, source_path, source_kind, sptid, host, host_id, ptop_version, sample_interval_seconds,
        categories, state, active, created_at, loaded_at, time_start, time_end, rows_total, values_total, logs_processed,
        max_files, error
        """;

    static string T(string schema, string table) => SqlIdentifier.Delimited(schema) + "." + table;

    static string Select(string schema, string rest) => $"SELECT {BundleColumns} FROM {T(schema, "bundles")} {rest}";

    /// <summary><see cref="BundleColumns"/> of every bundle, newest first.</summary>
    public static string Bundles(string schema) => Select(schema, "ORDER BY created_at DESC, bundle_id");

    /// <summary>$1 bundle_id: <see cref="BundleColumns"/> of the bundle.</summary>
    public static string Bundle(string schema) => Select(schema, "WHERE bundle_id = $1");

    /// <summary><see cref="BundleColumns"/> of the active bundle (at most one).</summary>
    public static string Active(string schema) => Select(schema, "WHERE active");

    /// <summary>$1 bundle_hash: <see cref="BundleColumns"/> of the bundles of that content, the last loaded first.</summary>
    public static string BundlesByHash(string schema) => Select(schema, "WHERE bundle_hash = $1 ORDER BY loaded_at DESC NULLS LAST, created_at DESC");

    /// <summary>$1 cutoff (timestamptz): <see cref="BundleColumns"/> of the bundles in state <paramref name="loaded"/> loaded before it, oldest first.</summary>
    public static string LoadedBefore(string schema, string loaded) =>
        Select(schema, $"WHERE state = {SqlIdentifier.Literal(loaded)} AND loaded_at < $1 ORDER BY loaded_at");

    /// <summary>$1 state: <see cref="BundleColumns"/> of the bundles in it.</summary>
    public static string BundlesInState(string schema) => Select(schema, "WHERE state = $1");

    /// <summary>$1 bundle_id: the load summary as text.</summary>
    public static string Summary(string schema) => $"SELECT summary::text FROM {T(schema, "bundles")} WHERE bundle_id = $1";

    /// <summary>$1 bundle_id: the member paths of the bundle's files.</summary>
    public static string FilePaths(string schema) => $"SELECT member_path FROM {T(schema, "bundle_files")} WHERE bundle_id = $1";

    /// <summary>
    /// A bundle row in state <paramref name="loading"/>, inactive: $1 bundle_id, $2 bundle_hash, $3 source_path, $4 source_kind,
    /// $5 sptid, $6 host, $7 host_id, $8 ptop_version, $9 sample_interval_seconds, $10 categories, $11 max_files, $12 ptop_args.
    /// </summary>
    public static string InsertLoading(string schema, string loading) => $"""
        INSERT INTO {T(schema, "bundles")} (bundle_id, bundle_hash, source_path, source_kind, sptid, host, host_id, ptop_version,
          sample_interval_seconds, categories, state, active, max_files, ptop_args, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, {SqlIdentifier.Literal(loading)}, false, $11, $12, now())
        """;

    /// <summary>
    /// The bundle in state <paramref name="loaded"/>: $1 bundle_id, $2 categories, $3 time_start, $4 time_end, $5 rows_total,
    /// $6 values_total, $7 logs_processed, $8 summary (JSON text), $9 sptid, $10 host, $11 host_id, $12 ptop_version,
    /// $13 sample_interval_seconds.
    /// </summary>
    public static string MarkLoaded(string schema, string loaded) => $"""
        UPDATE {T(schema, "bundles")} SET state = {SqlIdentifier.Literal(loaded)}, loaded_at = now(), updated_at = now(), categories = $2,
          time_start = $3, time_end = $4, rows_total = $5, values_total = $6, logs_processed = $7, summary = $8::jsonb,
          error = NULL, sptid = $9, host = $10, host_id = $11, ptop_version = $12, sample_interval_seconds = $13
        WHERE bundle_id = $1
        """;

    /// <summary>
    /// One file of a load, its rows added to an earlier load's of the same member: $1 bundle_id, $2 member_path,
    /// $3 file_name, $4 file_ts, $5 size_bytes, $6 sha256, $7 categories, $8 lines_read, $9 rows_written,
    /// $10 malformed_lines, $11 stats (JSON text).
    /// </summary>
    public static string UpsertFile(string schema) => $"""
        INSERT INTO {T(schema, "bundle_files")} (bundle_id, member_path, file_name, file_ts, size_bytes, sha256, categories, lines_read,
          rows_written, malformed_lines, stats)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
        ON CONFLICT (bundle_id, member_path) DO UPDATE SET categories = EXCLUDED.categories,
          rows_written = {T(schema, "bundle_files")}.rows_written + EXCLUDED.rows_written, stats = EXCLUDED.stats
        """;

    /// <summary>The bundle in state <paramref name="failed"/>, inactive, without rows: $1 bundle_id, $2 error.</summary>
    public static string MarkFailed(string schema, string failed) => $"""
        UPDATE {T(schema, "bundles")} SET state = {SqlIdentifier.Literal(failed)}, active = false, error = $2, updated_at = now(), rows_total = 0, values_total = 0
        WHERE bundle_id = $1
        """;

    /// <summary>$1 bundle_id: the bundle's state.</summary>
    public static string State(string schema) => $"SELECT state FROM {T(schema, "bundles")} WHERE bundle_id = $1";

    /// <summary>
    /// Makes $1 the active bundle, in this order in one transaction: the advisory transaction lock <paramref name="lockKey"/>
    /// (no parameters), every other bundle inactive ($1 bundle_id), the bundle active ($1 bundle_id).
    /// </summary>
    public static IReadOnlyList<string> Activate(string schema, long lockKey) =>
    [
        $"SELECT pg_advisory_xact_lock({lockKey})",
        $"UPDATE {T(schema, "bundles")} SET active = false WHERE active AND bundle_id <> $1",
        $"UPDATE {T(schema, "bundles")} SET active = true WHERE bundle_id = $1",
    ];

    /// <summary>$1 bundle_id, $2 state: the new state; the bundle stays active only when it is <paramref name="loaded"/>.</summary>
    public static string SetState(string schema, string loaded) =>
        $"UPDATE {T(schema, "bundles")} SET state = $2, active = active AND $2 = {SqlIdentifier.Literal(loaded)}, updated_at = now() WHERE bundle_id = $1";

    /// <summary>$1 schema name: every base table of the schema holding bundle rows (column bundle_id, name ptops_...).</summary>
    public const string DataTables = """
        SELECT c.table_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = $1 AND c.column_name = 'bundle_id' AND t.table_type = 'BASE TABLE' AND c.table_name LIKE 'ptops\_%'
        ORDER BY 1
        """;

    /// <summary>$1 bundle_id: deletes the bundle's rows of a data table.</summary>
    public static string DeleteRows(string schema, string table) => $"DELETE FROM {T(schema, SqlIdentifier.Delimited(table))} WHERE bundle_id = $1";

    /// <summary>$1 bundle_id: the bundle's rows in a data table.</summary>
    public static string CountRows(string schema, string table) => $"SELECT count(*) FROM {T(schema, SqlIdentifier.Delimited(table))} WHERE bundle_id = $1";

    /// <summary>Deletes a bundle's rows of the series rollups: $1 bundle_id, and with <paramref name="ofTables"/> $2 the data tables (text[]) whose rollup rows go.</summary>
    public static IEnumerable<string> DeleteRollup(string schema, bool ofTables) =>
        new[] { RollupSql.Table, RollupSql.BucketsTable }.Select(t => ofTables
            ? $"DELETE FROM {T(schema, t)} WHERE bundle_id = $1 AND table_name = ANY($2)"
            : $"DELETE FROM {T(schema, t)} WHERE bundle_id = $1");

    /// <summary>$1 bundle_id: removes the bundle's lifecycle rows in this order: its runs, then the bundle (its files by cascade).</summary>
    public static IReadOnlyList<string> DeleteBundle(string schema) =>
    [
        $"DELETE FROM {T(schema, "ingest_runs")} WHERE bundle_id = $1",
        $"DELETE FROM {T(schema, "bundles")} WHERE bundle_id = $1",
    ];

    /// <summary>One bigint: the rows of every bundle.</summary>
    public static string RowsTotal(string schema) => $"SELECT coalesce(sum(rows_total), 0)::bigint FROM {T(schema, "bundles")}";

    /// <summary>Empties the data tables <paramref name="dataTables"/>, the series rollups and the lifecycle tables.</summary>
    public static string TruncateAll(string schema, IEnumerable<string> dataTables) =>
        "TRUNCATE " + string.Join(", ", dataTables.Select(t => T(schema, SqlIdentifier.Delimited(t)))
            .Append(T(schema, RollupSql.Table)).Append(T(schema, RollupSql.BucketsTable))
            .Append(T(schema, "bundle_files")).Append(T(schema, "ingest_runs")).Append(T(schema, "bundles")));

    /// <summary>$1 ingest_runs.bundle_id, $2 job_id, $3 categories: a run in state running; returns run_id.</summary>
    public static string StartRun(string schema) =>
        $"INSERT INTO {T(schema, "ingest_runs")} (bundle_id, job_id, state, categories) VALUES ($1, $2, 'running', $3) RETURNING run_id";

    /// <summary>Runs still running on a <paramref name="loaded"/> bundle: run_id, bundle_id, bundle_hash, the run's categories, the bundle's categories.</summary>
    public static string RunningCategoryLoads(string schema, string loaded) => $"""
        SELECT r.run_id, b.bundle_id, b.bundle_hash, r.categories, b.categories FROM {T(schema, "ingest_runs")} r
        JOIN {T(schema, "bundles")} b ON b.bundle_id = r.bundle_id
        WHERE r.state = 'running' AND b.state = {SqlIdentifier.Literal(loaded)} ORDER BY r.run_id
        """;

    /// <summary>$1 run_id: the run's state.</summary>
    public static string RunState(string schema) => $"SELECT state FROM {T(schema, "ingest_runs")} WHERE run_id = $1";

    /// <summary>$1 run_id, $2 state, $3 summary (JSON text or NULL), $4 error: the run finished.</summary>
    public static string FinishRun(string schema) =>
        $"UPDATE {T(schema, "ingest_runs")} SET state = $2, finished_at = now(), summary = $3::jsonb, error = $4 WHERE run_id = $1";

    /// <summary>$1 run_id, $2 progress (JSON text).</summary>
    public static string RunProgress(string schema) => $"UPDATE {T(schema, "ingest_runs")} SET progress = $2::jsonb WHERE run_id = $1";

    /// <summary>$1 job_id: the newest run of the job: bundle_id, state, progress, summary (text), error, started_at, finished_at.</summary>
    public static string RunByJob(string schema) =>
        $"SELECT bundle_id, state, progress::text, summary::text, error, started_at, finished_at FROM {T(schema, "ingest_runs")} WHERE job_id = $1 ORDER BY run_id DESC LIMIT 1";

    /// <summary>
    /// Settings of a COPY connection: commits that need not wait for the WAL flush (the bundle's final state change is a
    /// normal commit written after them), an application name numbered by <paramref name="index"/>, and with
    /// <paramref name="directCompress"/> TimescaleDB's direct-compress COPY.
    /// </summary>
    public static string CopySession(int index, bool directCompress) =>
        "SET synchronous_commit TO off; SET application_name TO 'perfaspire-ingest-copy-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "'"
        + (directCompress ? "; SET timescaledb.enable_direct_compress_copy TO on" : "");
}
