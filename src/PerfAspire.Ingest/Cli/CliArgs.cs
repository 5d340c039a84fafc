namespace PerfAspire.Ingest.Cli;

/// <summary>Verb, positionals, <c>--name value</c> options and <c>--flag</c> switches of a CLI call.</summary>
internal sealed class CliArgs
{
    static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "force", "json", "yes" };
    static readonly HashSet<string> Options = new(StringComparer.Ordinal) { "categories", "max-files", "dsn" };

    readonly List<string> _positionals = [];
    readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public string Verb { get; private init; } = "";

    public bool Json => Flag("json");

    public static CliArgs Parse(string[] args)
    {
        var a = new CliArgs { Verb = args.Length > 0 ? args[0] : "help" };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                a._positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=');
            if (eq > 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
            if (Flags.Contains(name)) a._flags.Add(name);
            else if (Options.Contains(name))
            {
                var value = inline ?? (i + 1 < args.Length ? args[++i] : null)
                    ?? throw new IngestException(IngestErrors.InvalidArgument, $"invalid_argument: --{name} needs a value");
                a._options[name] = value;
            }
            else throw new IngestException(IngestErrors.InvalidArgument, $"invalid_argument: unknown option --{name}");
        }
        return a;
    }

    public string? Positional(int i) => i < _positionals.Count ? _positionals[i] : null;

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);
}
