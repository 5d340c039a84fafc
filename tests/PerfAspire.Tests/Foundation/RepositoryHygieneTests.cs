using System.Text.RegularExpressions;

namespace PerfAspire.Tests.Foundation;

/// <summary>
/// A newcomer reads this repository without the design documents it was planned from: comments explain in their own
/// words or point to files in this repository (docs/ptop-format.md, docs/quality-bar.md, ...).
/// </summary>
public sealed class RepositoryHygieneTests
{
    static readonly Regex OutsideCitation = new(
        @"seed §|\bseed (name|spec|document)s?\b|architecture(\.md)? §|quality bar [PRSU]\d|(?<!docs/)ptop-format\.md|(?<!docs/)quality-bar\.md|\.\./shared/",
        RegexOptions.Compiled | RegexOptions.IgnoreCase);

    [Fact]
    public void No_source_file_cites_a_document_outside_the_repository()
    {
        var root = RepoRoot();
        var offenders = new List<string>();
        foreach (var dir in new[] { "src", "tests", "bench", "scripts" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, dir), "*", SearchOption.AllDirectories))
            {
                if (file.Contains("/bin/") || file.Contains("/obj/") || file.Contains("node_modules")) continue;
                if (Path.GetFileName(file) == nameof(RepositoryHygieneTests) + ".cs") continue;
                var ext = Path.GetExtension(file);
                if (ext is not (".cs" or ".sh" or ".mjs" or ".js" or ".ts")) continue;
                var lineNo = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNo++;
                    if (OutsideCitation.IsMatch(line)) offenders.Add($"{Path.GetRelativePath(root, file)}:{lineNo}: {line.Trim()}");
                }
            }
        }
        Assert.True(offenders.Count == 0, "cite a file in this repository or say it in your own words:\n" + string.Join('\n', offenders));
    }

    // The documentation pages are read by the same newcomer: they name no section of a design document either.
    static readonly Regex OutsideCitationInDocs = new(@"seed §|\bseed (name|spec|document)s?\b|architecture(\.md)? §|quality bar [PRSU]\d|\.\./shared/", RegexOptions.Compiled | RegexOptions.IgnoreCase);

    [Fact]
    public void No_documentation_page_cites_a_document_outside_the_repository()
    {
        var root = RepoRoot();
        var pages = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(root, "*.md", SearchOption.TopDirectoryOnly));
        var offenders = new List<string>();
        foreach (var file in pages)
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (OutsideCitationInDocs.IsMatch(line)) offenders.Add($"{Path.GetRelativePath(root, file)}:{lineNo}: {line.Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, "say it in the page's own words or link a page of this repository:\n" + string.Join('\n', offenders));
    }

    static readonly Regex TypeDeclaration = new(
        @"^(?<indent>[ \t]*)(?:(?:public|internal|private|protected|file)\s+)*(?<mods>(?:(?:sealed|static|abstract|partial|readonly|ref|new)\s+)*)" +
        @"(?:record\s+struct|record\s+class|class|record|struct|interface|enum)\s+(?<name>[A-Z]\w*)(?<generic><[^>]*>)?",
        RegexOptions.Compiled | RegexOptions.Multiline);

    [Fact]
    public void Each_type_name_in_src_is_declared_once()
    {
        // One concept, one type: a second SqlIdentifier, CatalogMetric, RenderedQuery or settings class under the same
        // name in another project is how copies drifted apart before. Partial declarations of one type in one project
        // are one type; a nested helper may reuse a short name (Result, Entry) but not the name of a top-level type.
        var root = RepoRoot();
        var topLevel = new Dictionary<string, List<(string Project, string File, bool Partial)>>(StringComparer.Ordinal);
        var nested = new List<(string Name, string File)>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/bin/") || file.Contains("/obj/")) continue;
            var relative = Path.GetRelativePath(root, file);
            var project = relative.Split(Path.DirectorySeparatorChar)[1];
            foreach (Match m in TypeDeclaration.Matches(File.ReadAllText(file)))
            {
                var name = m.Groups["name"].Value;
                if (m.Groups["indent"].Length > 0)
                {
                    nested.Add((name, relative));
                    continue;
                }
                var arity = m.Groups["generic"].Success ? m.Groups["generic"].Value.Count(c => c == ',') + 1 : 0;
                var key = arity == 0 ? name : $"{name}`{arity}";
                if (!topLevel.TryGetValue(key, out var list)) topLevel[key] = list = [];
                list.Add((project, relative, m.Groups["mods"].Value.Contains("partial", StringComparison.Ordinal)));
            }
        }
        Assert.Contains("SqlIdentifier", topLevel.Keys);
        var offenders = new List<string>();
        foreach (var (key, declarations) in topLevel)
        {
            if (declarations.Count < 2) continue;
            if (declarations.All(d => d.Partial) && declarations.Select(d => d.Project).Distinct().Count() == 1) continue;
            offenders.Add($"{key}: " + string.Join(", ", declarations.Select(d => d.File)));
        }
        var topNames = topLevel.Keys.Select(k => k.Split('`')[0]).ToHashSet(StringComparer.Ordinal);
        offenders.AddRange(nested.Where(n => topNames.Contains(n.Name)).Select(n => $"{n.Name}: nested in {n.File}, also a top-level type"));
        Assert.True(offenders.Count == 0, "a type name declared more than once under src/:\n" + string.Join('\n', offenders));
    }

    static readonly Regex SqlStatement = new(
        @"\b(SELECT\b.*\bFROM\b|COPY\b.*\bFROM STDIN\b|pg_(try_)?advisory_\w*\(|SET\s+(LOCAL\s+)?(TRANSACTION|ROLE|search_path|statement_timeout|lock_timeout|synchronous_commit)\b|INSERT INTO\b|DELETE FROM\b|UPDATE\s+\S+\s+SET\b|CREATE\s+(TABLE|INDEX|VIEW|ROLE|EXTENSION)\b|ALTER\s+(TABLE|ROLE)\b|TRUNCATE\b)" +
        // A string that starts as a statement does ("SELECT version()", "SAVEPOINT storage", $"CREATE DATABASE ...").
        @"|""\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|GRANT|REVOKE|TRUNCATE|SAVEPOINT|RELEASE|ROLLBACK|COMMIT)\s+([A-Z0-9*(]|\w+\(|\w+"")",
        RegexOptions.Compiled);

    [Fact]
    public void Sql_text_is_written_in_the_Schema_project()
    {
        // The services, the AppHost and the local PostgreSQL launcher run statements that PerfAspire.Schema writes
        // (the launcher's own, before there is a schema, are ServerSql's).
        var root = RepoRoot();
        var offenders = new List<string>();
        foreach (var project in new[] { "PerfAspire.Mcp", "PerfAspire.Docs", "PerfAspire.Ingest", "PerfAspire.ServiceDefaults", "PerfAspire.MigrationService", "PerfAspire.AppHost", "PerfAspire.LocalPostgres" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", project), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains("/bin/") || file.Contains("/obj/")) continue;
                var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                var lineNo = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNo++;
                    var code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal) || !SqlStatement.IsMatch(code)) continue;
                    // Advice to an administrator inside an error message is text for a person, not a statement we run.
                    if (code.Contains("As an administrator:", StringComparison.Ordinal)) continue;
                    offenders.Add($"{relative}:{lineNo}: {code}");
                }
            }
        }
        Assert.True(offenders.Count == 0, "SQL text outside PerfAspire.Schema (add a statement builder there and call it):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Only_the_tests_and_the_ingest_benchmarks_see_a_project_s_internals()
    {
        // Projects talk through public types; the tests may reach in, and so may the benchmarks of ingestion's
        // parsing and rollup stages (they time internal stages on their own).
        var root = RepoRoot();
        var grants = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var project = Path.GetFileNameWithoutExtension(file);
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"InternalsVisibleTo Include=""([^""]+)"""))
            {
                var friend = m.Groups[1].Value;
                if (friend == "PerfAspire.Tests" || (friend == "PerfAspire.Bench" && project == "PerfAspire.Ingest")) continue;
                grants.Add($"{project} -> {friend}");
            }
            foreach (var cs in Directory.EnumerateFiles(Path.GetDirectoryName(file)!, "*.cs", SearchOption.AllDirectories))
            {
                if (cs.Contains("/obj/") || cs.Contains("/bin/")) continue;
                if (File.ReadAllText(cs).Contains("InternalsVisibleTo(", StringComparison.Ordinal)) grants.Add($"{project}: {Path.GetFileName(cs)} grants in code");
            }
        }
        Assert.True(grants.Count == 0, "internals opened to another project:\n" + string.Join('\n', grants));
    }

    // Reads of the process environment that are not settings of ours: the operating system's conventions (where
    // PostgreSQL, caches and data live). PerfAspire's settings come through the configuration (options bound at start,
    // or the same binding where no host exists), so a bad value stops the start naming it.
    static readonly string[] EnvironmentReadsAllowed =
    [
        "src/PerfAspire.Docs/Hosting/EmbeddingStoreFactory.cs", // XDG_CACHE_HOME
        "src/PerfAspire.LocalPostgres/PostgresBinaries.cs", // PG_BIN, PATH: where the PostgreSQL binaries are
        "src/PerfAspire.LocalPostgres/InstanceLayout.cs", // XDG_DATA_HOME
    ];

    [Fact]
    public void Settings_are_read_through_the_configuration_not_the_environment()
    {
        var root = RepoRoot();
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/bin/") || file.Contains("/obj/")) continue;
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (EnvironmentReadsAllowed.Contains(relative)) continue;
            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (line.Contains("Environment.GetEnvironmentVariable", StringComparison.Ordinal)) offenders.Add($"{relative}:{lineNo}: {line.Trim()}");
            }
        }
        Assert.True(offenders.Count == 0, "read settings from the configuration (bound options), not the environment:\n" + string.Join('\n', offenders));
    }

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
