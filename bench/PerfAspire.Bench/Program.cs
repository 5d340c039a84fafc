// Benchmarks are subcommands: `dotnet run -c Release --project bench/PerfAspire.Bench -- <command> [args]`.
// Each owner adds one line to the table below.
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["parser"] = PerfAspire.Bench.Parsing.ParserBenchCommand.Run, // P1: parser MB/s and allocations per MB
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: PerfAspire.Bench <{string.Join('|', commands.Keys.Order())}> [args]");
    return args.Length == 0 ? 0 : 2;
}
return command(args[1..]);
