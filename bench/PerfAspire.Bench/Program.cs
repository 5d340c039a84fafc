if (args.Length > 0 && args[0] == "ingest") return await PerfAspire.Bench.Ingest.IngestBenchmark.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "docs") return await PerfAspire.Bench.Docs.DocsBenchmark.RunAsync(args[1..]);
Console.WriteLine("bench");
return 0;
