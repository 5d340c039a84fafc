using System.Globalization;

namespace PerfAspire.Bench.Load;

/// <summary>Command line of the <c>load</c> subcommand.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: load [--preset small|large] [--sessions 32] [--seconds 60] [--bundle PATH]
                    [--mcp-url URL --mcp-pid PID] [--configuration Release|Debug]
          --preset         reference bundle to generate and load (default small; cached under /tmp/perfaspire-bench-bundles)
          --bundle         load this bundle instead of a generated one
          --sessions       concurrent MCP sessions (default 32)
          --seconds        duration of the measured phase (default 60)
          --mcp-url/--mcp-pid  use a running product (its MCP endpoint and the MCP server's process id, for RSS)
                           instead of starting PostgreSQL + ingest + docs + MCP here; the bundle must then be readable by it
          --configuration  build of the services to start (default: Release if built, else Debug)
        """;

    public string Preset { get; init; } = "small";
    public string? Bundle { get; init; }
    public int Sessions { get; init; } = 32;
    public int Seconds { get; init; } = 60;
    public Uri? McpUrl { get; init; }
    public int? McpPid { get; init; }
    public string? Configuration { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            o = a switch
            {
                "--preset" => o with { Preset = CheckPreset(Next()) },
                "--bundle" => o with { Bundle = Path.GetFullPath(Next()) },
                "--sessions" => o with { Sessions = Positive(Next(), a) },
                "--seconds" => o with { Seconds = Positive(Next(), a) },
                "--mcp-url" => o with { McpUrl = new Uri(Next()) },
                "--mcp-pid" => o with { McpPid = Positive(Next(), a) },
                "--configuration" => o with { Configuration = Next() },
                _ => throw new ArgumentException($"unknown argument {a}"),
            };
        }
        if ((o.McpUrl is null) != (o.McpPid is null)) throw new ArgumentException("--mcp-url and --mcp-pid go together");
        return o;
    }

    static string CheckPreset(string name) => name is "small" or "large" ? name : throw new ArgumentException("--preset is small or large");

    static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new ArgumentException($"{name} must be a positive integer");
}
