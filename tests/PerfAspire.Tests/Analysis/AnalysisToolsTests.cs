using System.Text.Json;
using PerfAspire.Schema.Spec;
using PerfAspire.Tests.Charts;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Analysis.AnalysisBundleData;

namespace PerfAspire.Tests.Analysis;

[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class AnalysisToolsTests(DatabaseFixture db)
{
    static readonly string PortRxMetric = SchemaSpec.Default.Metrics.Single(m => m.Group.Table == "ptops_fp_ports" && m.Metric.Column == "rx_packets_total").Name;

    [Fact]
    public async Task Top_n_ranks_threads_and_breaks_ties_by_max_then_labels()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "top_n", new { metric = "top_cpu_percent", n = 6 });
        var ranking = reply.Body.GetProperty("ranking").EnumerateArray().ToList();
        // worker 35; the four named threads 10.5 each (tie, max 11 each, then labels); bash (5, then 9) 7.
        Assert.Equal(["301", "201", "202", "203", "204", "401"], ranking.Select(r => r.GetProperty("labels").GetProperty("pid").GetString()));
        Assert.Equal(35, ranking[0].GetProperty("avg").GetDouble());
        Assert.Equal(10.5, ranking[2].GetProperty("avg").GetDouble(), 9);
        Assert.Equal(7, ranking[5].GetProperty("avg").GetDouble(), 9);
        Assert.True(reply.Body.GetProperty("more_exist").GetBoolean());

        var byMax = await ToolReply.OkAsync(env.Client, "top_n", new { metric = "top_cpu_percent", n = 2, by = "max", group_by = "exec" });
        Assert.Equal(["named", "worker"], byMax.Body.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("labels").GetProperty("exec").GetString()));

        var window = await ToolReply.OkAsync(env.Client, "top_n", new { metric = "top_cpu_percent", n = 1, group_by = "exec", filters = new { exec = new[] { "bash", "late" } }, start = "bundle_start+60m" });
        var only = Assert.Single(window.Body.GetProperty("ranking").EnumerateArray().ToList());
        Assert.Equal("bash", only.GetProperty("labels").GetProperty("exec").GetString());
        Assert.Equal(9, only.GetProperty("avg").GetDouble());
    }

    [Fact]
    public async Task Top_n_of_a_counter_uses_its_rate_and_refuses_group_sums()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "top_n", new { metric = PortRxMetric, end = "bundle_start+60m" });
        var top = Assert.Single(reply.Body.GetProperty("ranking").EnumerateArray().ToList());
        Assert.Equal(100.0 / 60, top.GetProperty("avg").GetDouble(), 6);
        var grouped = await ToolReply.CallAsync(env.Client, "top_n", new { metric = PortRxMetric, group_by = "port" });
        Assert.True(grouped.IsError);
        Assert.Equal("group_by_not_supported", grouped.Body.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>
    /// One table passing the statement timeout (here: waiting for a lock another session holds on ptops_top) does not
    /// cost the answer: that table is skipped and named, the transaction carries on, and every other table still counts.
    /// </summary>
    [Fact]
    public async Task Compare_windows_skips_and_names_a_table_that_passes_the_statement_timeout()
    {
        var cs = await McpDatabase.CreateMigratedAsync(db);
        await InsertAsync(cs);
        await using var server = await McpTestServer.StartAsync(cs, new Dictionary<string, string?>
        {
            ["Mcp:Query:StatementTimeoutMs"] = "1500",
            ["Mcp:DocsUrl"] = "http://127.0.0.1:9",
        });
        await using var client = await server.ConnectAsync();
        var args = new
        {
            window_a = new { start = "bundle_start", end = Ts(Shift - 1).ToString("O") },
            window_b = new object[] { Ms(Shift), "bundle_end" },
        };

        await using var locker = new Npgsql.NpgsqlConnection(cs);
        await locker.OpenAsync();
        await using (var tx = await locker.BeginTransactionAsync())
        {
            await using (var lockCmd = new Npgsql.NpgsqlCommand("LOCK TABLE perf.ptops_top IN ACCESS EXCLUSIVE MODE", locker, tx))
            {
                await lockCmd.ExecuteNonQueryAsync();
            }
            var reply = await ToolReply.OkAsync(client, "compare_windows", args);
            Assert.Equal(["ptops_top"], reply.Body.GetProperty("tables_timed_out").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains(reply.Body.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()), w => w!.StartsWith("table_timed_out:ptops_top", StringComparison.Ordinal));
            Assert.False(reply.Body.GetProperty("partial").GetBoolean());
            var metrics = reply.Body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("metric").GetString()).ToList();
            Assert.Contains(PortRxMetric, metrics);
            Assert.Contains("dbwr_bucket_count_total", metrics);
            Assert.DoesNotContain("top_cpu_percent", metrics);
            Assert.Contains("ptops_top", reply.Texts[0]);
            await tx.RollbackAsync();
        }

        var unlocked = await ToolReply.OkAsync(client, "compare_windows", args);
        Assert.False(unlocked.Body.TryGetProperty("tables_timed_out", out var none) && none.ValueKind == JsonValueKind.Array);
        Assert.Contains("top_cpu_percent", unlocked.Body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("metric").GetString()));
    }

    [Fact]
    public async Task Compare_windows_ranks_changes_by_effect_size()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "compare_windows", new
        {
            window_a = new { start = "bundle_start", end = Ts(Shift - 1).ToString("O") },
            window_b = new object[] { Ms(Shift), "bundle_end" },
        });
        var body = reply.Body;
        Assert.True(reply.TextChars < 30_000, $"response is {reply.TextChars} characters");
        var changes = body.GetProperty("changes").EnumerateArray().ToList();
        // Noise-free steps score the cap; among them the larger relative change first: the port rate x6 (+500 %), DBWR
        // bucket 19 count 2 -> 6 (+200 %), bash 5 -> 9 (+80 %).
        Assert.Equal(PortRxMetric, changes[0].GetProperty("metric").GetString());
        Assert.Equal(1000, changes[0].GetProperty("score").GetDouble());
        Assert.Equal(100.0 / 60, changes[0].GetProperty("mean_a").GetDouble(), 5);
        Assert.Equal(600.0 / 60, changes[0].GetProperty("mean_b").GetDouble(), 5);
        Assert.Equal(5, changes[0].GetProperty("relative_change").GetDouble(), 6);
        Assert.Equal("dbwr_bucket_count_total", changes[1].GetProperty("metric").GetString());
        Assert.Equal("19", changes[1].GetProperty("labels").GetProperty("bucket").GetString());
        Assert.Equal("top_cpu_percent", changes[2].GetProperty("metric").GetString());
        Assert.Equal("401", changes[2].GetProperty("labels").GetProperty("pid").GetString());
        Assert.Equal(0.8, changes[2].GetProperty("relative_change").GetDouble(), 9);
        Assert.Equal(1000, changes[2].GetProperty("score").GetDouble());

        // CPU: Cohen's d computed here from the raw values.
        var a = Enumerable.Range(0, Shift).Select(Cpu).ToArray();
        var b = Enumerable.Range(Shift, Epochs - Shift).Select(Cpu).ToArray();
        double Var(double[] x) => x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Length - 1);
        var d = (b.Average() - a.Average()) / Math.Sqrt(((a.Length - 1) * Var(a) + (b.Length - 1) * Var(b)) / (a.Length + b.Length - 2));
        var cpu = changes.Single(c => c.GetProperty("metric").GetString() == "cpu_utilization");
        Assert.Equal(d, cpu.GetProperty("cohen_d").GetDouble(), 4);
        Assert.Equal("up", cpu.GetProperty("direction").GetString());
        var mem = changes.Single(c => c.GetProperty("metric").GetString() == "mem_available_percent");
        Assert.Equal("down", mem.GetProperty("direction").GetString());

        // The idle disk and the constant worker did not change; the late thread exists only in B.
        Assert.DoesNotContain(changes, c => Label(c, "device") == "sdb");
        Assert.DoesNotContain(changes, c => Label(c, "pid") == "301");
        // Only in B: DBWR bucket 22 (count and mean latency) and the late thread.
        var onlyB = body.GetProperty("only_in_b");
        Assert.Equal(3, onlyB.GetProperty("count").GetInt32());
        Assert.Contains(onlyB.GetProperty("examples").EnumerateArray(), e => e.GetProperty("labels").TryGetProperty("pid", out var pid) && pid.GetString() == "501");
        Assert.Contains(onlyB.GetProperty("examples").EnumerateArray(), e => e.GetProperty("labels").TryGetProperty("bucket", out var bk) && bk.GetString() == "22");
        Assert.Equal(0, body.GetProperty("only_in_a").GetProperty("count").GetInt32());
        Assert.StartsWith("compare_windows: ", reply.Texts[0]);
    }

    /// <summary>A label of a change entry; entries of label-less metrics have no labels object (nulls are left out).</summary>
    static string? Label(JsonElement change, string name) =>
        change.TryGetProperty("labels", out var labels) && labels.TryGetProperty(name, out var v) ? v.GetString() : null;

    [Fact]
    public async Task Correlate_metrics_finds_the_disk_following_the_cpu_by_two_steps()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "correlate_metrics", new
        {
            metrics = new[] { "cpu_utilization", "disk_busy_percent{device=\"sda\"}", "mem_available_percent" },
            max_lag_steps = 5,
        });
        Assert.NotNull(reply.Png);
        Assert.Equal((1000, 560), PngImage.Dimensions(reply.Png!));
        PngImage.Keep(reply.Png!, "correlate_metrics");
        var pairs = reply.Body.GetProperty("pairs").EnumerateArray().ToList();
        var cpuDisk = pairs.Single(p => p.GetProperty("a").GetString() == "cpu_utilization" && p.GetProperty("b").GetString()!.StartsWith("disk_busy_percent"));
        Assert.Equal(2, cpuDisk.GetProperty("best_lag_steps").GetInt32());
        Assert.Equal(120, cpuDisk.GetProperty("best_lag_seconds").GetInt64());
        Assert.Equal(1.0, cpuDisk.GetProperty("best_r").GetDouble(), 6);
        Assert.Equal(Epochs - 2, cpuDisk.GetProperty("best_pairs").GetInt32());
        Assert.Contains("follows cpu_utilization by 2 step(s)", cpuDisk.GetProperty("reading").GetString());

        var cpuMem = pairs.Single(p => p.GetProperty("b").GetString() == "mem_available_percent" && p.GetProperty("a").GetString() == "cpu_utilization");
        var x = Enumerable.Range(0, Epochs).Select(Cpu).ToArray();
        var y = Enumerable.Range(0, Epochs).Select(Mem).ToArray();
        double mx = x.Average(), my = y.Average();
        var r = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
        Assert.Equal(r, cpuMem.GetProperty("r").GetDouble(), 5);
        Assert.True(r < -0.8);
    }

    [Fact]
    public async Task Find_anomalies_reports_the_spike_and_the_level_shift()
    {
        var env = await AnalysisEnvironment.GetAsync(db);
        var reply = await ToolReply.OkAsync(env.Client, "find_anomalies", new { metric = "cpu_utilization{cpu=\"cpu\"}" });
        Assert.NotNull(reply.Png);
        PngImage.Keep(reply.Png!, "find_anomalies");
        var series = Assert.Single(reply.Body.GetProperty("series").EnumerateArray().ToList());
        var spike = Assert.Single(series.GetProperty("spikes").EnumerateArray().ToList());
        Assert.Equal(Ms(SpikeAt), spike.GetProperty("ts").GetInt64());
        Assert.Equal(95, spike.GetProperty("value").GetDouble());
        var shift = Assert.Single(series.GetProperty("level_shifts").EnumerateArray().ToList());
        Assert.Equal(Ms(Shift), shift.GetProperty("ts").GetInt64());
        Assert.Equal(Ts(Shift).ToString("yyyy-MM-ddTHH:mm:ssZ"), shift.GetProperty("time").GetString());
        Assert.True(shift.GetProperty("after").GetDouble() - shift.GetProperty("before").GetDouble() > 35);
        Assert.Equal("find_anomalies: cpu_utilization, 1 series, 2025-07-01 00:00–01:59 UTC: 1 spikes, 1 level shifts; first at 2025-07-01 00:30 UTC.", reply.Texts[0]);
    }
}
