using Npgsql;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Generation;
using PerfAspire.Ingest.Loading;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Spec;
using PerfAspire.Schema.Sql;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Ingest;

/// <summary>
/// Shared pieces of the ingestion tests: the generated small bundle in every form (made once per run), a fresh
/// database with the schema, and row counts per table straight from the database.
/// </summary>
internal static class IngestTestBed
{
    static readonly Lazy<Bundles> Shared = new(() => new Bundles(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Bundles Small => Shared.Value;

    public sealed class Bundles
    {
        public Bundles()
        {
            // One directory per test process; directories of processes that are gone are removed here, since a
            // killed test host never runs its exit handlers.
            foreach (var stale in System.IO.Directory.GetDirectories(Path.GetTempPath(), "perfaspire-ingest-tests-*"))
            {
                if (int.TryParse(Path.GetFileName(stale)["perfaspire-ingest-tests-".Length..], out var pid) && !System.IO.Directory.Exists($"/proc/{pid}"))
                {
                    try { System.IO.Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
            }
            Root = Path.Combine(Path.GetTempPath(), "perfaspire-ingest-tests-" + Environment.ProcessId);
            if (System.IO.Directory.Exists(Root)) System.IO.Directory.Delete(Root, recursive: true);
            Directory = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.Directory, Path.Combine(Root, "dir"));
            TarGz = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.TarGz, Path.Combine(Root, "tgz"));
            Zip = BundleGenerator.Generate(GeneratorOptions.Small, BundleFormat.Zip, Path.Combine(Root, "zip"));
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { System.IO.Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
        }

        public string Root { get; }
        public GeneratedBundle Directory { get; }
        public GeneratedBundle TarGz { get; }
        public GeneratedBundle Zip { get; }

        public ExpectedCounts Expected => Directory.Expected;

        /// <summary>Rows per table the whole small bundle must give, text records included.</summary>
        public Dictionary<string, long> ExpectedRows(IReadOnlyCollection<string>? filters = null, bool text = true)
        {
            var d = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (table, rows) in Expected.Tables)
            {
                if (rows == 0) continue;
                var filter = SchemaSpec.Default.ByTable(table)?.Filter ?? "FASTPATH";
                if (filters is null || filters.Contains(filter)) d[table] = rows;
            }
            if (text && Expected.TextRecords > 0) d[CommonColumns.TextRecordsTable] = Expected.TextRecords;
            return d;
        }
    }

    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal);

    /// <summary>
    /// A fresh database already migrated: copied from a template migrated once per server, because running the
    /// whole migration per test costs seconds on a busy machine.
    /// </summary>
    public static Task<string> FreshDatabaseAsync(DatabaseFixture db) => FreshDatabaseAsync(db.AdminConnectionString);

    public static async Task<string> FreshDatabaseAsync(string adminConnectionString)
    {
        string? template;
        await TemplateGate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(adminConnectionString, out template))
            {
                template = "ingest_tpl_" + Guid.NewGuid().ToString("N")[..12];
                await ExecAsync(adminConnectionString, $"CREATE DATABASE \"{template}\"");
                var cs = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = template, Pooling = false }.ConnectionString;
                await using (var ds = NpgsqlDataSource.Create(cs))
                {
                    await PerfAspire.Schema.Database.SchemaMigrator.MigrateAsync(ds, new PerfAspire.Schema.DatabaseSettings());
                }
                await DatabaseFixture.SealTemplateAsync(adminConnectionString, template);
                Templates[adminConnectionString] = template;
            }
        }
        finally
        {
            TemplateGate.Release();
        }
        var fresh = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecAsync(adminConnectionString, $"CREATE DATABASE \"{fresh}\" TEMPLATE \"{template}\"");
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = fresh }.ConnectionString;
    }

    static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh database with the schema, and a runtime on it.</summary>
    public static async Task<IngestRuntime> RuntimeAsync(DatabaseFixture db, Func<IngestSettings, IngestSettings>? tweak = null, string? connectionString = null)
    {
        connectionString ??= await FreshDatabaseAsync(db);
        return await RuntimeAsync(connectionString, tweak);
    }

    public static async Task<IngestRuntime> RuntimeAsync(string connectionString, Func<IngestSettings, IngestSettings>? tweak = null)
    {
        var settings = new IngestSettings { CopyRetries = 8, RetryBaseDelay = TimeSpan.FromMilliseconds(50) };
        if (tweak is not null) settings = tweak(settings);
        var rt = IngestRuntime.Create(settings, connectionString);
        await rt.EnsureReadyAsync();
        return rt;
    }

    /// <summary>Rows of <paramref name="bundleId"/> per data table (tables without rows left out).</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(IngestRuntime rt, string bundleId)
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await rt.Store.DataTablesAsync())
        {
            await using var cmd = rt.DataSource.CreateCommand($"SELECT count(*) FROM perf.{SqlIdentifier.Delimited(table)} WHERE bundle_id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
            var n = (long)(await cmd.ExecuteScalarAsync())!;
            if (n > 0) d[table] = n;
        }
        return d;
    }

    /// <summary>Tables with series rollup rows (bundle_series) for the bundle.</summary>
    public static async Task<SortedSet<string>> RollupTablesAsync(IngestRuntime rt, string? bundleId)
    {
        await using var cmd = rt.DataSource.CreateCommand("SELECT DISTINCT table_name FROM perf.bundle_series WHERE bundle_id = $1 OR $1 IS NULL");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)bundleId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var set = new SortedSet<string>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) set.Add(r.GetString(0));
        return set;
    }

    /// <summary>The typed tables a bundle has rows in: the ones its series rollup must cover.</summary>
    public static async Task<SortedSet<string>> TypedTablesAsync(IngestRuntime rt, string bundleId) =>
        new((await CountRowsAsync(rt, bundleId)).Keys.Where(t => t != PerfAspire.Schema.Spec.CommonColumns.TextRecordsTable), StringComparer.Ordinal);

    /// <summary>Rows of any bundle in every data table.</summary>
    public static async Task<long> TotalRowsAsync(IngestRuntime rt)
    {
        long total = 0;
        foreach (var table in await rt.Store.DataTablesAsync())
        {
            await using var cmd = rt.DataSource.CreateCommand($"SELECT count(*) FROM perf.{SqlIdentifier.Delimited(table)}");
            total += (long)(await cmd.ExecuteScalarAsync())!;
        }
        return total;
    }

    public static void AssertRows(IReadOnlyDictionary<string, long> expected, IReadOnlyDictionary<string, long> actual)
    {
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    public static LoadRequest Request(GeneratedBundle b, bool force = false, IReadOnlyList<string>? categories = null, int? maxFiles = null) =>
        new(b.Path, force, categories, maxFiles);
}
