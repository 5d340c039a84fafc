using Npgsql;
using PerfAspire.Ingest;
using PerfAspire.Ingest.Client;
using PerfAspire.Ingest.Lifecycle;
using PerfAspire.Ingest.Loading;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Infrastructure;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Ingest;

/// <summary>
/// A bundle the project's generator did not make: Ingest/Fixtures/ptop-20250708_0000.log, three epochs written by hand
/// from docs/ptop-format.md (glued % and parentheses, double spaces, an exec name with spaces, a missing MEM tail, a
/// DBWR line without triplets, an unknown prefix). Every expected number below was counted from that file by hand.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class HandWrittenBundleTests(DatabaseFixture db)
{
    static readonly Dictionary<string, long> ExpectedRows = new(StringComparer.Ordinal)
    {
        ["ptops_cpu"] = 6,          // summary + cpu0, three epochs
        ["ptops_mem"] = 3,
        ["ptops_disk"] = 3,
        ["ptops_net_ifstat"] = 3,
        ["ptops_top"] = 6,          // two threads per epoch
        ["ptops_dbwr"] = 3,         // 2 triplets, 1 triplet, none
        ["ptops_fp_ports"] = 3,
        [CommonColumns.TextRecordsTable] = 2, // ARGS and the unknown XYZZY line
    };

    static string BundleDirectory()
    {
        // The bundle file name carries host and ticket: sb_<host>_<ticket>; the log sits under var/log/.
        var root = Path.Combine(Path.GetTempPath(), "perfaspire-handwritten-" + Guid.NewGuid().ToString("N"));
        var dir = Path.Combine(root, "sb_edge-hand-07_niosspt-4711", "var", "log");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Ingest", "Fixtures", "ptop-20250708_0000.log"), Path.Combine(dir, "ptop-20250708_0000.log"));
        return Path.Combine(root, "sb_edge-hand-07_niosspt-4711");
    }

    static async Task<object?> ValueAsync(IngestRuntime rt, string sql, string bundleId)
    {
        await using var cmd = rt.DataSource.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = bundleId });
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    [Fact]
    public async Task A_hand_written_bundle_loads_every_row_exactly_and_compressed_on_timescale()
    {
        var path = BundleDirectory();
        try
        {
            await using var rt = await RuntimeAsync(db);
            var summary = await rt.Loader.LoadAsync(new LoadRequest(path), "t");

            Assert.Equal("loaded", summary.State);
            Assert.Equal("NIOSSPT-4711", summary.Sptid);
            Assert.Equal("edge-hand-07", summary.Host);
            Assert.Equal(60, summary.SampleIntervalSeconds);
            Assert.Equal("9.0.5-52728-5501324ffb0c", summary.PtopVersion);
            Assert.Equal(0, summary.Malformed.Count);
            AssertRows(ExpectedRows, await CountRowsAsync(rt, summary.BundleId));
            Assert.Equal(DateTimeOffset.Parse("2025-07-08T00:00:00Z"), summary.TimeStart);
            Assert.Equal(DateTimeOffset.Parse("2025-07-08T00:02:00Z"), summary.TimeEnd);

            // Values as written, through the quirks: double spaces, glued % and parentheses, spaces in exec.
            Assert.Equal(22.5, Convert.ToDouble(await ValueAsync(rt,
                "SELECT utilization FROM perf.ptops_cpu WHERE bundle_id = $1 AND cpu = 'cpu0' AND ts = '2025-07-08 00:01:00+00'", summary.BundleId)), 3);
            Assert.Equal(80.3, Convert.ToDouble(await ValueAsync(rt,
                "SELECT cpu_percent FROM perf.ptops_top WHERE bundle_id = $1 AND pid = '11404' AND ts = '2025-07-08 00:00:00+00'", summary.BundleId)), 3);
            Assert.Equal(100.2, Convert.ToDouble(await ValueAsync(rt,
                "SELECT user_cpu_seconds FROM perf.ptops_top WHERE bundle_id = $1 AND exec = 'named -u named' AND ts = '2025-07-08 00:02:00+00'", summary.BundleId)), 3);
            Assert.Equal(1L, Convert.ToInt64(await ValueAsync(rt,
                "SELECT count(*) FROM perf.ptops_top WHERE bundle_id = $1 AND exec = '[kworker/0:1]' AND ppid = '2' AND pid = '77'", summary.BundleId)));
            Assert.Null(await ValueAsync(rt,
                "SELECT pgpgin_per_sec FROM perf.ptops_mem WHERE bundle_id = $1 AND ts = '2025-07-08 00:00:00+00'", summary.BundleId));
            Assert.Equal(12.0, Convert.ToDouble(await ValueAsync(rt,
                "SELECT pgpgin_per_sec FROM perf.ptops_mem WHERE bundle_id = $1 AND ts = '2025-07-08 00:01:00+00'", summary.BundleId)), 3);
            Assert.Equal(42.5, Convert.ToDouble(await ValueAsync(rt,
                "SELECT busy_percent FROM perf.ptops_disk WHERE bundle_id = $1 AND device = 'sda' AND ts = '2025-07-08 00:01:00+00'", summary.BundleId)), 3);
            // Counters keep their full integer values.
            Assert.Equal(9968456L, Convert.ToInt64(await ValueAsync(rt,
                "SELECT rx_bytes_total FROM perf.ptops_net_ifstat WHERE bundle_id = $1 AND interface = 'eth0' AND ts = '2025-07-08 00:02:00+00'", summary.BundleId)));
            Assert.Equal(582755L, Convert.ToInt64(await ValueAsync(rt,
                "SELECT rx_bytes_total FROM perf.ptops_fp_ports WHERE bundle_id = $1 AND port = 'port0' AND ts = '2025-07-08 00:02:00+00'", summary.BundleId)));
            Assert.Equal(3L, Convert.ToInt64(await ValueAsync(rt,
                "SELECT bucket_count_total FROM perf.ptops_dbwr WHERE bundle_id = $1 AND bucket = '17'", summary.BundleId)));
            Assert.Equal("XYZZY handwritten unknown line", (string?)await ValueAsync(rt,
                "SELECT text FROM perf.ptops_text_records WHERE bundle_id = $1 AND prefix = 'XYZZY'", summary.BundleId));
            Assert.Equal(1L, Convert.ToInt64(await ValueAsync(rt,
                "SELECT count(DISTINCT host || '/' || sptid) FROM perf.ptops_cpu WHERE bundle_id = $1 AND host = 'edge-hand-07' AND sptid = 'NIOSSPT-4711'", summary.BundleId)));

            // On TimescaleDB, when the bundle is loaded at least 90 % of its rows are in compressed chunks.
            var typed = ExpectedRows.Keys.Where(t => t != CommonColumns.TextRecordsTable).ToList();
            var (rows, rowStore) = await new Columnstore(rt.DataSource, rt.Settings.Database.Schema).RowsAsync(summary.BundleId, typed, CancellationToken.None);
            Assert.Equal(ExpectedRows.Where(kv => kv.Key != CommonColumns.TextRecordsTable).Sum(kv => kv.Value), rows);
            if (db.TimescaleAvailable)
            {
                Assert.True(rows - rowStore >= 0.9 * rows, $"{rows - rowStore} of {rows} rows compressed");
                Assert.Equal(0L, Convert.ToInt64(await ValueAsync(rt, """
                    SELECT count(*) FROM timescaledb_information.chunks
                    WHERE hypertable_schema = 'perf' AND NOT is_compressed AND $1 <> ''
                    """, summary.BundleId)));
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
