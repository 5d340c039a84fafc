using System.Diagnostics;
using System.Globalization;
using PerfAspire.Ingest.Writing;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Bench.Rollup;

/// <summary>
/// CPU cost of the series rollup on the parser thread (P2 guard): <c>bench rollup [--rows N] [--series N]</c> feeds
/// TableRollup rows shaped like the large bundle's TOP table (6 interned labels, 5 values, 1,479 series, 46 files)
/// and prints ns per row. Multiply by a bundle's rows for the seconds it adds to a load.
/// </summary>
public static class RollupBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var rows = 2_830_000;
        var series = 1_479;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--rows") rows = int.Parse(args[++i], CultureInfo.InvariantCulture);
            else if (args[i] == "--series") series = int.Parse(args[++i], CultureInfo.InvariantCulture);
        }
        var layout = new TableLayout(SchemaSpec.Default.Groups.Single(g => g.Table == "ptops_top"));
        var labelCount = layout.Group.Labels.Count;
        var values = new double[layout.MetricCount];
        for (var run = 1; run <= 3; run++)
        {
            var rollup = new TableRollup(layout);
            var sw = Stopwatch.StartNew();
            const int files = 46;
            var perFile = rows / files;
            long ts = 1_750_000_000_000_000;
            for (var f = 0; f < files; f++)
            {
                rollup.BeginFile();
                // A new file interns new label strings, as the parser's per-file label cache does.
                var tuples = new string?[series][];
                for (var s = 0; s < series; s++)
                {
                    tuples[s] = new string?[labelCount];
                    for (var l = 0; l < labelCount; l++) tuples[s][l] = l < 3 ? string.Create(CultureInfo.InvariantCulture, $"{l}-{s}") : null;
                }
                for (var r = 0; r < perFile; r++)
                {
                    var s = r % series;
                    if (s == 0) ts += 60_000_000;
                    for (var j = 0; j < values.Length; j++) values[j] = r * 0.5 + j;
                    rollup.Add(ts, tuples[s], values, values.Length);
                }
            }
            sw.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {rows:N0} rows, {rollup.SeriesCount:N0} series, {sw.Elapsed.TotalMilliseconds:F0} ms = {sw.Elapsed.TotalMilliseconds * 1e6 / rows:F1} ns per row"));
        }
        return Task.FromResult(0);
    }
}
