using System.Diagnostics;
using System.Globalization;

namespace PerfAspire.Ingest.Generation;

/// <summary>
/// <c>perfaspire-ingest generate --preset small|large [--format dir|tar.gz|zip] [--out DIR] [--seed N] [--host NAME] [--no-faults]</c>:
/// writes a reference support bundle and its <c>.expected.json</c>.
/// </summary>
public static class GenerateCommand
{
    const string Usage = """
        usage: generate --preset small|large [--format dir|tar.gz|zip] [--out DIR] [--seed N] [--host NAME] [--no-faults]
          --preset     small: 2 files x 30 min at 60 s; large: 10 files x 24 h at 60 s (~6 million rows, ~350 MB of logs)
          --format     output shape (default tar.gz)
          --out        output directory (default samples/; relative paths start at the repository root when inside it)
          --seed       random seed (default 42); same seed, same bytes
          --host       host name in the bundle name sb_<host>_NIOSSPT-<n>_<date> (default dns-edge-01)
          --no-faults  leave out the deliberately malformed lines (garbled value, truncated last line)
        """;

    public static Task<int> RunAsync(string[] args)
    {
        try
        {
            return Task.FromResult(Run(args));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"generate: {ex.Message}");
            return Task.FromResult(1);
        }
    }

    /// <summary>
    /// A relative --out is taken from the repository root when run inside the repo (`dotnet run --project` starts the
    /// web project in its own directory), else from the current directory.
    /// </summary>
    static string ResolveOutput(string output)
    {
        if (Path.IsPathRooted(output)) return output;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) return Path.GetFullPath(Path.Combine(dir.FullName, output));
        }
        return Path.GetFullPath(output);
    }

    static int Run(string[] args)
    {
        GeneratorOptions? options = null;
        var format = BundleFormat.TarGz;
        var output = "samples";
        int? seed = null;
        string? host = null;
        var faults = true;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            try
            {
                switch (arg)
                {
                    case "generate":
                        break;
                    case "--preset":
                        var preset = Next();
                        options = GeneratorOptions.ByName(preset) ?? throw new ArgumentException($"unknown preset '{preset}' (small, large)");
                        break;
                    case "--format":
                        format = Next().ToLowerInvariant() switch
                        {
                            "dir" or "directory" => BundleFormat.Directory,
                            "tar.gz" or "tgz" => BundleFormat.TarGz,
                            "zip" => BundleFormat.Zip,
                            var other => throw new ArgumentException($"unknown format '{other}' (dir, tar.gz, zip)"),
                        };
                        break;
                    case "--out":
                        output = Next();
                        break;
                    case "--seed":
                        seed = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--host":
                        host = Next();
                        if (host.Length == 0 || host.Contains('_') || host.Contains('/')) throw new ArgumentException("--host must be non-empty without '_' or '/'");
                        break;
                    case "--no-faults":
                        faults = false;
                        break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return 0;
                    default:
                        throw new ArgumentException($"unknown argument '{arg}'");
                }
            }
            catch (FormatException)
            {
                Console.Error.WriteLine($"generate: {arg} needs a number");
                return 2;
            }
            catch (ArgumentException ex)
            {
                Console.Error.WriteLine($"generate: {ex.Message}\n{Usage}");
                return 2;
            }
        }
        if (options is null)
        {
            Console.Error.WriteLine("generate: --preset is required\n" + Usage);
            return 2;
        }

        options = options with { Seed = seed ?? options.Seed, Host = host ?? options.Host, InjectFaults = faults };
        output = ResolveOutput(output);
        var watch = Stopwatch.StartNew();
        var result = BundleGenerator.Generate(options, format, output);
        var e = result.Expected;
        Console.WriteLine($"bundle:   {result.Path}");
        Console.WriteLine($"expected: {result.ExpectedCountsPath}");
        Console.WriteLine($"preset {options.Preset}, seed {options.Seed}: {e.Files.Count} logs, {e.Lines:N0} lines, {e.Rows:N0} rows in {e.Tables.Count} tables, " +
                          $"{e.TextRecords:N0} text records, {e.MalformedLines} deliberately malformed lines ({watch.Elapsed.TotalSeconds:F1} s)");
        return 0;
    }
}
