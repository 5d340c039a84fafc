using Npgsql;
using PerfAspire.Schema.Database;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Schema;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Security;

/// <summary>Schema auto-update cannot walk a table toward PostgreSQL's column limit, load after load.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class SchemaColumnCapTests(DatabaseFixture db)
{
    static MetricSpec Discovered(string key) =>
        new(key + "_total", MetricKind.Counter, "count", $"Discovered at run time: key '{key}'.", SourceKey: key);

    [Fact]
    public async Task The_column_cap_counts_the_columns_of_every_earlier_load_and_refuses_with_schema_column_cap()
    {
        var (cs, _) = await SchemaDb.CreateMigratedAsync(db);
        var suffix = "c" + Guid.NewGuid().ToString("N")[..8];
        var group = new TableGroup("FP" + suffix.ToUpperInvariant(), "ptops_fp_" + suffix, "fp" + suffix, "fastpath", "FASTPATH", [],
            [Discovered("abc")], "Discovered fast-path prefix.", Extensible: true);
        await using var ds = NpgsqlDataSource.Create(cs);
        var first = new TableLayout(group);
        await new SchemaAutoUpdater(ds, SchemaDb.Settings).EnsureAsync(first);
        var columns = await SchemaDb.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_attribute WHERE attrelid = ('perf.' || $1)::regclass AND attnum > 0", group.Table);

        // The cap leaves room for two more columns in total, whichever loads add them.
        var capped = SchemaDb.Settings with { MaxTableColumns = (int)columns + 2 };
        var second = new TableLayout(group);
        second.AddDiscovered(Discovered("def"));
        await new SchemaAutoUpdater(ds, capped).EnsureAsync(second);

        // A later load (a new updater, a new layout): one more fits, two do not.
        var third = new TableLayout(group);
        third.AddDiscovered(Discovered("def"));
        third.AddDiscovered(Discovered("ghi"));
        third.AddDiscovered(Discovered("jkl"));
        var e = await Assert.ThrowsAsync<SchemaAutoUpdateException>(() => new SchemaAutoUpdater(ds, capped).EnsureAsync(third));
        Assert.Equal(SchemaAutoUpdateException.ColumnCapCode, e.Code);
        Assert.Contains("SCHEMA_MAX_TABLE_COLUMNS", e.Message);
        Assert.Contains("SCHEMA_AUTO_UPDATE=false", e.Message);
        Assert.Equal(columns + 1, await SchemaDb.ScalarAsync<long>(cs,
            "SELECT count(*) FROM pg_attribute WHERE attrelid = ('perf.' || $1)::regclass AND attnum > 0", group.Table));

        var fourth = new TableLayout(group);
        fourth.AddDiscovered(Discovered("def"));
        fourth.AddDiscovered(Discovered("ghi"));
        var fits = await new SchemaAutoUpdater(ds, capped).EnsureAsync(fourth);
        Assert.Contains($"column:{group.Table}.ghi_total", fits.Created);
    }

    [Fact]
    public async Task A_load_that_would_pass_the_cap_fails_with_schema_column_cap_and_leaves_no_rows()
    {
        // The small bundle carries keys the spec does not know, so its load adds columns to existing tables.
        Assert.NotEmpty(Small.Expected.DiscoveredColumns);
        await using var rt = await RuntimeAsync(db, s => s with { Database = s.Database with { MaxTableColumns = 1 } });
        var job = await rt.Jobs.StartAsync(Request(Small.Directory));
        var done = await rt.Jobs.WaitAsync(job.JobId, TimeSpan.FromMinutes(3));
        Assert.Equal(("failed", SchemaAutoUpdateException.ColumnCapCode), (done!.State, done.ErrorCode));
        Assert.Contains("SCHEMA_MAX_TABLE_COLUMNS", done.Error);
        Assert.Equal(0, await TotalRowsAsync(rt));
    }

    [Theory]
    [InlineData("400", 400)]
    [InlineData(null, 1200)]
    [InlineData("", 1200)]
    public void The_cap_setting_is_read_and_defaults_to_1200(string? text, int expected) =>
        Assert.Equal(expected, PerfAspire.Tests.Infrastructure.TestSettings.Database(("SCHEMA_MAX_TABLE_COLUMNS", text)).MaxTableColumns);

    [Theory]
    [InlineData("5")]
    [InlineData("1601")]
    [InlineData("many")]
    public void A_cap_outside_16_to_1500_stops_the_start_naming_the_setting(string text)
    {
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            PerfAspire.Tests.Infrastructure.TestSettings.Database(("SCHEMA_MAX_TABLE_COLUMNS", text)));
        Assert.StartsWith($"SCHEMA_MAX_TABLE_COLUMNS='{text}' is not valid", e.Message);
    }
}
