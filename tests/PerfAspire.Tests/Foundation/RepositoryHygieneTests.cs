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

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
