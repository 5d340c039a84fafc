using Npgsql;
using NpgsqlTypes;

namespace PerfAspire.Tests.Analysis;

/// <summary>
/// A two-hour bundle (120 one-minute epochs) built so every analysis tool has a known answer: a CPU spike at epoch 30
/// and a level shift at 60, memory that drops at 60, a disk that follows the CPU two epochs later, an idle disk (zero
/// baseline), threads that sum per exec, a thread that appears at 60, a counter whose rate triples at 60, a DB write
/// histogram whose tail grows at 60, and 300 extra threads to push responses against the budget.
/// </summary>
public static class AnalysisBundleData
{
    public const string Bundle = "legacy-analysis-0001";
    public const string Host = "hostL";
    public const int Epochs = 120;
    public const int Shift = 60;
    public const int SpikeAt = 30;
    public const int NoiseThreads = 300;
    public static readonly DateTimeOffset T0 = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Ts(int i) => T0.AddMinutes(i);

    public static long Ms(int i) => Ts(i).ToUnixTimeMilliseconds();

    public static double Cpu(int i) => i == SpikeAt ? 95 : (i < Shift ? 20 : 60) + i % 5;

    public static double Mem(int i) => (i < Shift ? 80 : 50) + i % 3;

    /// <summary>sda busy follows the CPU two epochs later (half of it); before that it idles at 1.</summary>
    public static double DiskSda(int i) => i < 2 ? 1 : 0.5 * Cpu(i - 2);

    public static readonly (string Pid, string Exec, Func<int, double?> Cpu)[] Threads =
    [
        ("201", "named", i => 10 + i % 2),
        ("202", "named", i => 10 + i % 2),
        ("203", "named", i => 10 + i % 2),
        ("204", "named", i => 10 + i % 2),
        ("301", "worker", _ => 35),
        ("401", "bash", i => i < Shift ? 5 : 9),
        ("501", "late", i => i < Shift ? null : 3),
    ];

    public static double NoiseCpu(int n, int i) => (n % 7) * 0.5 + (i % 4) * 0.1;

    /// <summary>Counter: +100 per epoch up to the shift, +600 after (rate 1.667/s then 10/s).</summary>
    public static double PortRx(int i) => i <= Shift ? 1000 + 100 * i : 1000 + 100 * Shift + 600 * (i - Shift);

    /// <summary>DBWR triplets per epoch: (bucket, count, avg seconds), inside the log2-ns bucket bounds.</summary>
    public static (int Bucket, long Count, double Avg)[] Dbwr(int i) => i < Shift
        ? [(17, 8, 80e-6), (19, 2, 300e-6)]
        : [(17, 8, 80e-6), (19, 6, 300e-6), (22, 2, 3e-3)];

    public static async Task InsertAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO perf.bundles (bundle_id, bundle_hash, source_path, sptid, host, state, active, loaded_at, time_start, time_end, sample_interval_seconds, categories)
            VALUES (@id, 'abc12345', '/bundles/analysis.tar.gz', NULL, @host, 'loaded', true, now(), @s, @e, 60, '{CPU,MEM,DISK,TOP,DB,FASTPATH}')
            """, conn))
        {
            cmd.Parameters.AddWithValue("id", Bundle);
            cmd.Parameters.AddWithValue("host", Host);
            cmd.Parameters.AddWithValue("s", T0);
            cmd.Parameters.AddWithValue("e", Ts(Epochs - 1));
            await cmd.ExecuteNonQueryAsync();
        }

        await Copy(conn, "ptops_cpu (ts, bundle_id, sptid, metric_category, host, cpu, utilization)", "cpu", async (w, i) =>
        {
            await w.StartRowAsync();
            await Common(w, i, "cpu");
            await w.WriteAsync("cpu");
            await w.WriteAsync(Cpu(i));
        });
        await Copy(conn, "ptops_mem (ts, bundle_id, sptid, metric_category, host, available_percent)", "memory", async (w, i) =>
        {
            await w.StartRowAsync();
            await Common(w, i, "memory");
            await w.WriteAsync(Mem(i));
        });
        await Copy(conn, "ptops_disk (ts, bundle_id, sptid, metric_category, host, device, disk_index, busy_percent)", "disk", async (w, i) =>
        {
            foreach (var (device, index, value) in new[] { ("sda", "0", DiskSda(i)), ("sdb", "1", 0.0) })
            {
                await w.StartRowAsync();
                await Common(w, i, "disk");
                await w.WriteAsync(device);
                await w.WriteAsync(index);
                await w.WriteAsync(value);
            }
        });
        await Copy(conn, "ptops_top (ts, bundle_id, sptid, metric_category, host, pid, ppid, exec, cpu_percent)", "process", async (w, i) =>
        {
            foreach (var (pid, exec, cpu) in Threads)
            {
                if (cpu(i) is not { } v) continue;
                await w.StartRowAsync();
                await Common(w, i, "process");
                await w.WriteAsync(pid);
                await w.WriteAsync("1");
                await w.WriteAsync(exec);
                await w.WriteAsync(v);
            }
            for (var n = 0; n < NoiseThreads; n++)
            {
                await w.StartRowAsync();
                await Common(w, i, "process");
                await w.WriteAsync((10_000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await w.WriteAsync("1");
                await w.WriteAsync("noise-" + (n % 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await w.WriteAsync(NoiseCpu(n, i));
            }
        });
        await Copy(conn, "ptops_fp_ports (ts, bundle_id, sptid, metric_category, host, port, rx_packets_total)", "fastpath", async (w, i) =>
        {
            await w.StartRowAsync();
            await Common(w, i, "fastpath");
            await w.WriteAsync("port0");
            await w.WriteAsync(PortRx(i));
        });
        await Copy(conn, "ptops_dbwr (ts, bundle_id, sptid, metric_category, host, bucket, bucket_count_total, bucket_avg_latency_seconds)", "db_histogram", async (w, i) =>
        {
            foreach (var (bucket, count, avg) in Dbwr(i))
            {
                await w.StartRowAsync();
                await Common(w, i, "db_histogram");
                await w.WriteAsync(bucket.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await w.WriteAsync(count);
                await w.WriteAsync(avg);
            }
        });
    }

    static async Task Copy(NpgsqlConnection conn, string target, string category, Func<NpgsqlBinaryImporter, int, Task> rows)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY perf.{target} FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < Epochs; i++) await rows(w, i);
        await w.CompleteAsync();
    }

    static async Task Common(NpgsqlBinaryImporter w, int i, string category)
    {
        await w.WriteAsync(Ts(i), NpgsqlDbType.TimestampTz);
        await w.WriteAsync(Bundle);
        await w.WriteNullAsync();
        await w.WriteAsync(category);
        await w.WriteAsync(Host);
    }
}
