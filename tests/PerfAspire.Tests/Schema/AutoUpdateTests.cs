using System.Diagnostics.Metrics;
using Npgsql;
using PerfAspire.Schema;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Schema;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class AutoUpdateTests(DatabaseFixture db)
{
    /// <summary>Collects the schema counters for one table (tests elsewhere may use the same static instruments).</summary>
    sealed class Counters : IDisposable
    {
        readonly MeterListener _listener = new();
        readonly string _table;
        public long Creates, Errors, Skipped;

        public Counters(string table)
        {
            _table = table;
            _listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == SchemaMetrics.MeterName) l.EnableMeasurementEvents(i); };
            _listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
            {
                foreach (var t in tags)
                {
                    if (t.Key != "table" || (string?)t.Value != _table) continue;
                    switch (i.Name)
                    {
                        case "timescale_schema_auto_creates_total": Interlocked.Add(ref Creates, value); break;
                        case "timescale_schema_auto_create_errors_total": Interlocked.Add(ref Errors, value); break;
                        case "timescale_schema_auto_update_skipped_total": Interlocked.Add(ref Skipped, value); break;
                    }
                }
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }

    static TableGroup NewFastPathGroup(string suffix) => new(
        "FP" + suffix.ToUpperInvariant(), "ptops_fp_" + suffix, "fp" + suffix, "fastpath", "FASTPATH", [],
        [new MetricSpec("abc_total", MetricKind.Counter, "count", "Discovered at run time: key 'abc'.", "Key 'abc' on the line.", SourceKey: "abc")],
        "Discovered fast-path prefix.", Extensible: true);

    [Fact]
    public async Task A_new_prefix_becomes_a_table_with_views_and_catalog_rows_once()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        var suffix = "t" + Guid.NewGuid().ToString("N")[..8];
        var layout = new TableLayout(NewFastPathGroup(suffix));
        using var counters = new Counters(layout.Table);
        await using var ds = NpgsqlDataSource.Create(cs);
        var updater = new SchemaAutoUpdater(ds, SchemaDb.Settings);

        var first = await updater.EnsureAsync(layout);
        Assert.Equal([$"table:{layout.Table}", $"view:fp{suffix}_abc_total"], first.Created);
        Assert.True(first.Ready);
        Assert.Equal(2, counters.Creates);
        Assert.Equal(1L, await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.metric_catalog WHERE metric_name = $1 AND base_table = $2 AND metric_kind = 'counter'", $"fp{suffix}_abc_total", layout.Table));
        Assert.Equal(1L, await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.table_schemas WHERE table_name = $1 AND metric_columns ? 'abc_total'", layout.Table));
        Assert.Equal(3L, await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'perf' AND tablename = $1", layout.Table));

        // A later key on the same prefix: one new column and view, the stored row untouched.
        await SchemaDb.ExecAsync(cs, $"INSERT INTO perf.{layout.Table} (ts, bundle_id, metric_category, host, abc_total) VALUES (now(), 'b1', 'fastpath', 'h', 7)");
        layout.AddDiscovered(new MetricSpec("xyz_total", MetricKind.Counter, "count", "Discovered at run time: key 'xyz'.", SourceKey: "xyz"));
        var second = await updater.EnsureAsync(layout);
        Assert.Equal([$"column:{layout.Table}.xyz_total", $"view:fp{suffix}_xyz_total"], second.Created);
        Assert.Equal(7.0, await SchemaDb.ScalarAsync<double>(cs, $"SELECT value FROM perf.fp{suffix}_abc_total"));
        Assert.Equal(0L, await SchemaDb.ScalarAsync<long>(cs, $"SELECT count(*) FROM perf.fp{suffix}_xyz_total"));
        Assert.Equal(1L, await SchemaDb.ScalarAsync<long>(cs, "SELECT count(*) FROM perf.table_schemas WHERE table_name = $1 AND metric_columns ?& ARRAY['abc_total', 'xyz_total']", layout.Table));

        // Known layout: nothing to do, nothing counted.
        var third = await new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(layout);
        Assert.Empty(third.Created);
        Assert.Equal(4, counters.Creates);
        Assert.Equal(0, counters.Errors);
    }

    [Fact]
    public async Task An_unknown_key_on_a_spec_table_adds_a_column_and_keeps_rows()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        await SchemaDb.ExecAsync(cs, "INSERT INTO perf.ptops_fp_proxy (ts, bundle_id, metric_category, host, msp_index, query_timeouts_total) VALUES (now(), 'b1', 'fastpath', 'h', '0', 42)");
        var layout = new TableLayout(SchemaSpec.Default.ByTable("ptops_fp_proxy")!);
        var col = "k" + Guid.NewGuid().ToString("N")[..8] + "_total";
        layout.AddDiscovered(new MetricSpec(col, MetricKind.Counter, "count", "Discovered at run time.", SourceKey: col));
        await using var ds = NpgsqlDataSource.Create(cs);

        var result = await new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(layout);

        Assert.Equal([$"column:ptops_fp_proxy.{col}", $"view:fpprxy_{col}"], result.Created);
        Assert.Equal(42.0, await SchemaDb.ScalarAsync<double>(cs, "SELECT value FROM perf.fpprxy_query_timeouts_total"));
        Assert.Equal(new[] { "msp_index" }, await SchemaDb.ScalarAsync<string[]>(cs, "SELECT local_labels FROM perf.metric_catalog WHERE metric_name = $1", "fpprxy_" + col));
    }

    [Fact]
    public async Task Concurrent_updaters_create_each_object_once()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        var layout = new TableLayout(NewFastPathGroup("c" + Guid.NewGuid().ToString("N")[..8]));
        using var counters = new Counters(layout.Table);
        await using var ds = NpgsqlDataSource.Create(cs);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(layout))));

        Assert.All(results, r => Assert.True(r.Ready));
        Assert.Equal(2, results.Sum(r => r.Created.Count));
        Assert.Equal(2, counters.Creates);
        Assert.Equal(0, counters.Errors);
    }

    [Fact]
    public async Task With_auto_update_off_missing_objects_are_reported_not_created()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        var layout = new TableLayout(NewFastPathGroup("o" + Guid.NewGuid().ToString("N")[..8]));
        using var counters = new Counters(layout.Table);
        await using var ds = NpgsqlDataSource.Create(cs);

        var result = await new SchemaAutoUpdater(ds, SchemaDb.Settings with { SchemaAutoUpdate = false }).EnsureAsync(layout);

        Assert.False(result.Ready);
        Assert.Empty(result.Created);
        Assert.Contains($"table:{layout.Table}", result.Missing);
        Assert.Equal(result.Missing.Count, counters.Skipped);
        Assert.Equal(0, counters.Creates);
        Assert.False(await SchemaDb.ScalarAsync<bool>(cs, "SELECT to_regclass($1) IS NOT NULL", "perf." + layout.Table));
    }

    [Fact]
    public async Task A_bad_discovered_name_fails_with_the_offender_named_and_is_counted()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        var layout = new TableLayout(SchemaSpec.Default.ByTable("ptops_fp_dncr")!);
        layout.AddDiscovered(new MetricSpec("Bad-Key; DROP", MetricKind.Counter, "count", "bad"));
        using var counters = new Counters(layout.Table);
        await using var ds = NpgsqlDataSource.Create(cs);

        var e = await Assert.ThrowsAsync<SchemaAutoUpdateException>(() => new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(layout));

        Assert.Contains("Bad-Key; DROP", e.Message);
        Assert.Contains("ptops_fp_dncr", e.Message);
        Assert.Equal(1, counters.Errors);
    }
}
