// Benchmarks are subcommands: `dotnet run -c Release --project bench/PerfAspire.Bench -- <command> [args]`.
// Each owner adds one line to the table below.
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["parser"] = a => Task.FromResult(PerfAspire.Bench.Parsing.ParserBenchCommand.Run(a)), // P1: parser MB/s and allocations per MB
    ["docs"] = PerfAspire.Bench.Docs.DocsBenchmark.RunAsync,                                // P5: metric search latency, docs ready time
    ["ingest"] = PerfAspire.Bench.Ingest.IngestBenchmark.RunAsync,                          // P2/P3: ingest vs psql \copy, peak RSS
    ["load"] = PerfAspire.Bench.Load.LoadBenchmark.RunAsync,                                // R3: 32 concurrent MCP sessions
    ["queries"] = PerfAspire.Bench.Queries.QueryBenchmark.RunAsync,                         // P4: MCP tool latency on the large bundle, EXPLAIN plans
    ["analysis"] = PerfAspire.Bench.Analysis.AnalysisBenchmark.RunAsync,                    // legacy/graph/analysis tools vs a P4 baseline
    ["rollup"] = PerfAspire.Bench.Rollup.RollupBenchmark.RunAsync,                          // P2 guard: series rollup CPU per row
    ["budgets"] = PerfAspire.Bench.Queries.BudgetBenchmark.RunAsync,                        // U3: every tool's answer size on a loaded bundle
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: PerfAspire.Bench <{string.Join('|', commands.Keys.Order())}> [args]");
    return args.Length == 0 ? 0 : 2;
}
return await command(args[1..]);
