using System.Text.RegularExpressions;

namespace PerfAspire.Tests.Foundation;

/// <summary>
/// A newcomer reads this repository without the design documents it was planned from: comments explain in their own
/// words or point to files in this repository (docs/ptop-format.md, docs/quality-bar.md, ...).
/// </summary>
public sealed class RepositoryHygieneTests
{
    static readonly Regex OutsideCitation = new(
        @"seed §|architecture(\.md)? §|quality bar [PRSU]\d|(?<!docs/)ptop-format\.md|(?<!docs/)quality-bar\.md|\.\./shared/",
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

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
