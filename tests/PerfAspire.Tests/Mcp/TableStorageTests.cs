using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PerfAspire.Ingest.Loading;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Query;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// Storage per table (system_health, schema_list_tables) and per bundle (support_list_bundles' bytes_estimate):
/// after a real load every table reports the rows written to it and its bytes on disk; on TimescaleDB the
/// columnstore shows as a compressed fraction of at least 0.9 (0 with TIMESCALE_COLUMNSTORE off), on plain
/// PostgreSQL the fraction is absent.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class TableStorageTests(DatabaseFixture db)
{
    static async Task<TableStorage.Report> ReadAsync(IngestRuntime rt)
    {
        await using var conn = await rt.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var ro = new NpgsqlCommand("SET TRANSACTION READ ONLY", conn, tx)) await ro.ExecuteNonQueryAsync();
        await using var session = new ReadOnlySession(conn, tx, rt.Settings.Database.Schema);
        return Assert.IsType<TableStorage.Report>(await TableStorage.MeasureAsync(session, NullLogger.Instance, CancellationToken.None));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_table_reports_its_rows_bytes_and_compressed_fraction(bool columnstore)
    {
        await using var rt = await RuntimeAsync(db, s => s with { Database = s.Database with { Columnstore = columnstore } });
        var summary = await rt.Loader.LoadAsync(Request(Small.TarGz), "t");
        var written = await CountRowsAsync(rt, summary.BundleId);

        var report = await ReadAsync(rt);
        var reported = report.Tables.Where(t => t.Rows > 0).ToDictionary(t => t.TableName, t => t.Rows);
        Assert.Equal(written.OrderBy(kv => kv.Key), reported.OrderBy(kv => kv.Key));
        Assert.All(report.Tables, t => Assert.True(t.Bytes > 0, t.TableName));
        Assert.Equal(written.Values.Sum(), report.Totals.Rows);
        Assert.Equal(Math.Round((double)report.Totals.Bytes / report.Totals.Rows, 1), report.Totals.BytesPerRow);

        var hypertables = report.Tables.Where(t => t.Rows > 0 && t.TableName != PerfAspire.Schema.Spec.CommonColumns.TextRecordsTable).ToList();
        Assert.NotEmpty(hypertables);
        if (!db.TimescaleAvailable)
        {
            Assert.All(report.Tables, t => Assert.Null(t.CompressedFraction));
            Assert.Null(report.Totals.CompressedFraction);
        }
        else if (columnstore)
        {
            Assert.All(hypertables, t => Assert.True(t.CompressedFraction >= 0.9, $"{t.TableName}: {t.CompressedFraction}"));
            Assert.True(report.Totals.CompressedFraction >= 0.9, $"{report.Totals.CompressedFraction}");
        }
        else
        {
            Assert.All(hypertables, t => Assert.Equal(0.0, t.CompressedFraction));
            Assert.Equal(0.0, report.Totals.CompressedFraction);
        }
    }

    [Fact]
    public async Task System_health_schema_list_tables_and_support_list_bundles_report_storage()
    {
        var env = await LoadedBundleEnvironment.GetAsync(db);

        var health = await env.Client.OkAsync("system_health");
        var storage = health.GetProperty("storage");
        var tables = storage.GetProperty("tables").EnumerateArray().ToList();
        Assert.Contains(tables, t => t.GetProperty("table_name").GetString() == "ptops_cpu" && t.GetProperty("rows").GetInt64() > 0);
        Assert.All(tables, t => Assert.True(t.GetProperty("bytes").GetInt64() > 0));
        var totals = storage.GetProperty("totals");
        Assert.True(totals.GetProperty("rows").GetInt64() > 0);
        Assert.True(totals.GetProperty("bytes_per_row").GetDouble() > 0);
        if (db.TimescaleAvailable) Assert.True(totals.GetProperty("compressed_fraction").GetDouble() >= 0.9);
        else Assert.False(totals.TryGetProperty("compressed_fraction", out var f) && f.ValueKind != JsonValueKind.Null, "no compressed fraction on plain PostgreSQL");

        var listed = await env.Client.OkAsync("schema_list_tables");
        Assert.False(string.IsNullOrEmpty(listed.GetProperty("storage_method").GetString()));
        var cpu = listed.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table_name").GetString() == "ptops_cpu");
        Assert.Equal(tables.Single(t => t.GetProperty("table_name").GetString() == "ptops_cpu").GetProperty("rows").GetInt64(), cpu.GetProperty("rows").GetInt64());
        Assert.True(cpu.GetProperty("bytes").GetInt64() > 0);

        // One loaded bundle owns every row, so its estimate is the bytes of the tables it wrote to.
        var bundles = await env.Client.OkAsync("support_list_bundles");
        var bundle = bundles.GetProperty("bundles").EnumerateArray().Single(b => b.GetProperty("bundle_id").GetString() == env.BundleId);
        var estimate = bundle.GetProperty("bytes_estimate").GetInt64();
        var written = tables.Where(t => t.GetProperty("rows").GetInt64() > 0).Sum(t => t.GetProperty("bytes").GetInt64());
        Assert.InRange(estimate, written * 0.9, written * 1.1);
        Assert.False(string.IsNullOrEmpty(bundles.GetProperty("bytes_estimate_method").GetString()));
    }

    /// <summary>
    /// The figures are cached while the bundles are unchanged: every load, unload and purge must show in the very
    /// next system_health, schema_list_tables and support_list_bundles (all well within the cache's lifetime), and
    /// the three must agree.
    /// </summary>
    [Fact]
    public async Task A_load_or_unload_shows_in_the_next_storage_figures_of_every_call()
    {
        await using var bed = await TwoBundleServer.StartAsync(db, "perfaspire-storage-cache-");
        var (first, second, server) = (bed.First, bed.Second, bed.Server);
        await using var client = await server.ConnectAsync();

        Assert.Equal(0L, await RowsAsync(client));
        var a = (await client.OkAsync("support_load_bundle", new { path = first.Path })).GetProperty("bundle_id").GetString()!;
        var onlyA = await RowsAsync(client);
        Assert.True(onlyA > 0);
        Assert.Equal(onlyA, await RowsAsync(client));
        Assert.Equal([a], await EstimatedBundlesAsync(client));

        var b = (await client.OkAsync("support_load_bundle", new { path = second.Path })).GetProperty("bundle_id").GetString()!;
        var both = await RowsAsync(client);
        Assert.True(both > onlyA, $"{both} after the second load, {onlyA} before");
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), await EstimatedBundlesAsync(client));

        await client.OkAsync("support_unload_bundle", new { bundle_id = a });
        Assert.Equal(both - onlyA, await RowsAsync(client));
        Assert.Equal([b], await EstimatedBundlesAsync(client));

        await client.OkAsync("support_unload_bundle", new { purge_all = true });
        Assert.Equal(0L, await RowsAsync(client));
        Assert.Empty(await EstimatedBundlesAsync(client));
    }

    /// <summary>Rows over every table as system_health and schema_list_tables report them; the two must agree.</summary>
    static async Task<long> RowsAsync(ModelContextProtocol.Client.McpClient client)
    {
        var health = (await client.OkAsync("system_health")).GetProperty("storage").GetProperty("totals").GetProperty("rows").GetInt64();
        var listed = (await client.OkAsync("schema_list_tables")).GetProperty("tables").EnumerateArray()
            .Sum(t => t.GetProperty("rows").GetInt64());
        Assert.Equal(health, listed);
        return health;
    }

    /// <summary>The bundles support_list_bundles gives a bytes estimate (each &gt; 0), in id order.</summary>
    static async Task<List<string>> EstimatedBundlesAsync(ModelContextProtocol.Client.McpClient client)
    {
        var bundles = (await client.OkAsync("support_list_bundles")).GetProperty("bundles").EnumerateArray()
            .Where(x => x.TryGetProperty("bytes_estimate", out _)).ToList();
        Assert.All(bundles, x => Assert.True(x.GetProperty("bytes_estimate").GetInt64() > 0));
        return [.. bundles.Select(x => x.GetProperty("bundle_id").GetString()!).Order(StringComparer.Ordinal)];
    }
}
