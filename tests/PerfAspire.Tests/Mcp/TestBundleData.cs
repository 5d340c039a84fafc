using Npgsql;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// A small, fully known data set written straight into the tables (until the generator + ingestion are
/// merged): two bundles, 30 one-minute epochs each, CPU / MEM / TOP / DBWR / FPPORTS rows whose values are
/// simple functions of the epoch, so tests compute expected results in C# independently of the SQL.
/// </summary>
public sealed class TestBundleData
{
    public const string ActiveBundle = "b0a1c2d3-active";
    public const string OtherBundle = "b9f8e7d6-other";
    public const string Host = "hostA";
    public const int Epochs = 30;
    public static readonly DateTimeOffset T0 = new(2025, 6, 28, 13, 0, 0, TimeSpan.Zero);

    public static readonly string[] Cpus = ["cpu", "cpu0", "cpu1"];
    public static readonly (string Ppid, string Pid, string Exec, double Base, bool EvenOnly)[] Threads =
    [
        ("1", "101", "named", 70, false),
        ("1", "102", "fp-worker", 55, false),
        ("1", "103", "bash'; DROP TABLE perf.ptops_top;--", 40, false),
        ("1", "104", "naïve ✓ /* x */", 30, true),
        ("1", "105", "[kworker/0:1]", 20, false),
        ("1", "106", "sshd", 5, false),
    ];
    public static readonly int[] Buckets = [10, 11, 12, 13, 14, 9];

    public static DateTimeOffset Ts(int i) => T0.AddMinutes(i);

    public static double CpuUtilization(string bundle, int i, int cpu) => 10 + i + cpu * 5 + (bundle == ActiveBundle ? 0 : 100) + (i % 4) * 0.25;

    public static double? TopCpu(string bundle, int i, int t) =>
        Threads[t].EvenOnly && i % 2 == 1 ? null : Threads[t].Base + (i % 3) + (bundle == ActiveBundle ? 0 : 1000);

    public static long DbwrCount(int i, int b) => (i + b) % 5 + 1;

    public static double DbwrLatency(int i, int b) => Math.Pow(2, Buckets[b] - 20) * (1 + 0.01 * i);

    /// <summary>port0 grows by 100 per epoch; port1 by 50 and restarts (counter reset) at epoch 15.</summary>
    public static double PortRx(int i, int port) => port == 0 ? 1000 + 100 * i : i < 15 ? 500 + 50 * i : 7 + 50 * (i - 15);

    public static readonly string[] Ports = ["port0", "port1"];

    public static async Task InsertAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var (bundle, active, dayOffset) in new[] { (ActiveBundle, true, 0), (OtherBundle, false, 1) })
        {
            var start = T0.AddDays(dayOffset);
            await using (var cmd = new NpgsqlCommand("""
                INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, sptid, host, state, active, loaded_at, time_start, time_end, sample_interval_seconds, categories)
                VALUES (@id, @hash, @path, 'NIOSSPT-12345', @host, 'loaded', @active, now(), @s, @e, 60, '{CPU,MEM,TOP,DB,FASTPATH}')
                """, conn))
            {
                cmd.Parameters.AddWithValue("id", bundle);
                cmd.Parameters.AddWithValue("hash", bundle[..8]);
                cmd.Parameters.AddWithValue("path", "/bundles/" + bundle + ".tar.gz");
                cmd.Parameters.AddWithValue("host", Host);
                cmd.Parameters.AddWithValue("active", active);
                cmd.Parameters.AddWithValue("s", start);
                cmd.Parameters.AddWithValue("e", start.AddMinutes(Epochs - 1));
                await cmd.ExecuteNonQueryAsync();
            }

            await using (var w = await conn.BeginBinaryImportAsync("COPY perf.ptops_cpu (ts, bundle_id, sptid, metric_category, host, cpu, utilization, user_percent) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < Epochs; i++)
                {
                    for (var c = 0; c < Cpus.Length; c++)
                    {
                        await w.StartRowAsync();
                        await Common(w, start.AddMinutes(i), bundle, "cpu");
                        await w.WriteAsync(Cpus[c]);
                        await w.WriteAsync(CpuUtilization(bundle, i, c));
                        await w.WriteAsync(CpuUtilization(bundle, i, c) / 2);
                    }
                }
                await w.CompleteAsync();
            }

            await using (var w = await conn.BeginBinaryImportAsync("COPY perf.ptops_mem (ts, bundle_id, sptid, metric_category, host, available_percent) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < Epochs; i++)
                {
                    await w.StartRowAsync();
                    await Common(w, start.AddMinutes(i), bundle, "memory");
                    await w.WriteAsync(50.0 + i % 7);
                }
                await w.CompleteAsync();
            }

            await using (var w = await conn.BeginBinaryImportAsync("COPY perf.ptops_top (ts, bundle_id, sptid, metric_category, host, pid, ppid, exec, cpu_percent) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < Epochs; i++)
                {
                    for (var t = 0; t < Threads.Length; t++)
                    {
                        if (TopCpu(bundle, i, t) is not { } v) continue;
                        await w.StartRowAsync();
                        await Common(w, start.AddMinutes(i), bundle, "process");
                        await w.WriteAsync(Threads[t].Pid);
                        await w.WriteAsync(Threads[t].Ppid);
                        await w.WriteAsync(Threads[t].Exec);
                        await w.WriteAsync(v);
                    }
                }
                await w.CompleteAsync();
            }

            if (bundle == ActiveBundle)
            {
                await using (var w = await conn.BeginBinaryImportAsync("COPY perf.ptops_dbwr (ts, bundle_id, sptid, metric_category, host, bucket, bucket_count_total, bucket_avg_latency_seconds) FROM STDIN (FORMAT BINARY)"))
                {
                    for (var i = 0; i < Epochs; i++)
                    {
                        for (var b = 0; b < Buckets.Length; b++)
                        {
                            await w.StartRowAsync();
                            await Common(w, start.AddMinutes(i), bundle, "db_histogram");
                            await w.WriteAsync(Buckets[b].ToString(System.Globalization.CultureInfo.InvariantCulture));
                            await w.WriteAsync(DbwrCount(i, b));
                            await w.WriteAsync(DbwrLatency(i, b));
                        }
                    }
                    await w.CompleteAsync();
                }

                await WritePortsAsync(conn, bundle, start, Epochs, PortRx);
            }
        }
    }

    /// <summary>
    /// The port counters of a bundle (<see cref="Ports"/>, one sample a minute from <paramref name="start"/>) and their
    /// series rollup as ingestion writes it (its own code: TableRollup, BundleSeriesRows), so whole-bundle queries of
    /// this table can read bundle_series and bundle_buckets like they do for a loaded bundle.
    /// </summary>
    public static async Task WritePortsAsync(NpgsqlConnection conn, string bundle, DateTimeOffset start, int epochs, Func<int, int, double> rx)
    {
        await using (var w = await conn.BeginBinaryImportAsync("COPY perf.ptops_fp_ports (ts, bundle_id, sptid, metric_category, host, port, rx_packets_total) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < epochs; i++)
            {
                for (var p = 0; p < Ports.Length; p++)
                {
                    await w.StartRowAsync();
                    await Common(w, start.AddMinutes(i), bundle, "fastpath");
                    await w.WriteAsync(Ports[p]);
                    await w.WriteAsync(rx(i, p));
                }
            }
            await w.CompleteAsync();
        }

        var layout = new TableLayout(SchemaSpec.Default.ByTable("ptops_fp_ports")!);
        var column = layout.Metrics.Select((m, i) => (m, i)).Single(x => x.m.Column == "rx_packets_total").i;
        var rollup = new TableRollup(layout);
        var values = new double[layout.MetricCount];
        for (var i = 0; i < epochs; i++)
        {
            for (var p = 0; p < Ports.Length; p++)
            {
                Array.Fill(values, double.NaN);
                values[column] = rx(i, p);
                rollup.Add(start.AddMinutes(i).ToUnixTimeMilliseconds() * 1000, [Ports[p]], values, values.Length);
            }
        }
        await using var tx = await conn.BeginTransactionAsync();
        await BundleSeriesRows.From([rollup], _ => true).WriteAsync(conn, tx, "perf", bundle, "NIOSSPT-12345", Host, CancellationToken.None);
        await tx.CommitAsync();
    }

    static async Task Common(NpgsqlBinaryImporter w, DateTimeOffset ts, string bundle, string category)
    {
        await w.WriteAsync(ts, NpgsqlTypes.NpgsqlDbType.TimestampTz);
        await w.WriteAsync(bundle);
        await w.WriteAsync("NIOSSPT-12345");
        await w.WriteAsync(category);
        await w.WriteAsync(Host);
    }
}
