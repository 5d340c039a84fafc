using PerfAspire.Ingest.Generation;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>The generated small bundle loads with exactly the generator's row counts in every form.</summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class BundleFormLoadTests(DatabaseFixture db)
{
    public static TheoryData<string> Forms => ["dir", "tgz", "zip"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Every_form_loads_exactly_the_generated_rows(string form)
    {
        var bundle = form switch { "dir" => Small.Directory, "tgz" => Small.TarGz, _ => Small.Zip };
        await using var rt = await RuntimeAsync(db);

        var summary = await rt.Loader.LoadAsync(Request(bundle), "test");

        Assert.False(summary.Reused);
        Assert.Equal("loaded", summary.State);
        Assert.StartsWith(summary.BundleHash[..12], summary.BundleId);
        Assert.Equal(Small.Expected.Sptid, summary.Sptid);
        Assert.Equal(Small.Expected.Host, summary.Host);
        Assert.Equal(Small.Expected.HostId, summary.HostId);
        Assert.Equal(Small.Expected.IntervalSeconds, summary.SampleIntervalSeconds);
        Assert.Equal(Small.Expected.Files.Count, summary.LogsProcessed);
        Assert.Equal(Small.Expected.Rows, summary.MetricsIngested.Rows);
        Assert.Equal(Small.Expected.TextRecords, summary.TextRecords);
        Assert.Equal(Small.Expected.MalformedLines, summary.Malformed.Count);
        // The rotated log prints decimal epochs (a format quirk): times agree to the second.
        Assert.InRange((summary.TimeStart!.Value - DateTimeOffset.UnixEpoch.AddTicks(Small.Expected.FirstTsMicros * 10)).TotalSeconds, 0, 1);
        Assert.InRange((summary.TimeEnd!.Value - DateTimeOffset.UnixEpoch.AddTicks(Small.Expected.LastTsMicros * 10)).TotalSeconds, 0, 1);
        AssertRows(Small.ExpectedRows(), summary.RowsPerTable);
        AssertRows(Small.ExpectedRows(), await CountRowsAsync(rt, summary.BundleId));

        var info = await rt.Store.GetAsync(summary.BundleId);
        Assert.NotNull(info);
        Assert.Equal("loaded", info.State);
        Assert.True(info.Active);
        Assert.Equal(summary.MetricsIngested.Rows, info.RowsTotal);
    }

    [Fact]
    public async Task A_single_log_plain_or_gzip_loads_alone()
    {
        var logs = Path.Combine(Small.Directory.Path, BundleGenerator.LogDirectory);
        await using var rt = await RuntimeAsync(db);
        foreach (var file in Small.Expected.Files)
        {
            var summary = await rt.Loader.LoadAsync(new(Path.Combine(Small.Directory.Path, file.Path)), "test");
            Assert.Equal(1, summary.LogsProcessed);
            Assert.Equal(file.Gzip ? "log.gz" : "log", summary.SourceKind);
            Assert.Equal(file.Rows, summary.MetricsIngested.Rows);
            var expected = file.Tables.Where(t => t.Value > 0).ToDictionary(t => t.Key, t => t.Value);
            if (file.TextRecords > 0) expected["ptops_text_records"] = file.TextRecords;
            AssertRows(expected, await CountRowsAsync(rt, summary.BundleId));
        }
        Assert.True(Directory.Exists(logs));
    }
}
