using System.Text;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// The README's tool table is generated from <c>tools/list</c>, so it cannot drift from the server: this test
/// renders the table from the live tool list and compares it with the block between the markers in README.md.
/// Run it with <c>PERFASPIRE_UPDATE_README=1</c> to rewrite the block after changing a tool.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ReadmeToolTableTests(DatabaseFixture db)
{
    const string Begin = "<!-- tools:begin (generated from tools/list by ReadmeToolTableTests; PERFASPIRE_UPDATE_README=1 rewrites it) -->";
    const string End = "<!-- tools:end -->";

    /// <summary>The design card's names for the tools that have one; tools beyond it show "—".</summary>
    static readonly Dictionary<string, string> SeedNames = new()
    {
        ["support_load_bundle"] = "load",
        ["support_unload_bundle"] = "unload",
        ["support_list_bundles"] = "list",
        ["support_active_context"] = "active",
        ["support_switch_active"] = "switch active",
        ["support_ingest_status"] = "ingest status",
        ["schema_list_tables"] = "`schema.list_tables`",
        ["schema_list_metrics"] = "`schema.list_metrics`",
        ["schema_list_label_values"] = "`schema.list_label_values`",
        ["schema_describe_metric"] = "`schema.describe_metric`",
        ["query_get_patterns"] = "`query.get_patterns`",
        ["query_build_sql"] = "`query.build_sql`",
        ["query_run"] = "execute a pattern",
        ["query_sql"] = "execute edited SQL",
        ["metrics_list"] = "`metrics_list`",
        ["metric_metadata"] = "`metric_metadata`",
        ["label_values"] = "`label_values`",
        ["query_range"] = "`query_range`",
        ["graph_timeseries"] = "`graph_timeseries`",
        ["graph_compare"] = "`graph_compare`",
        ["docs_search"] = "docs search",
        ["docs_search_metrics"] = "metric search",
    };

    [Fact]
    public async Task Readme_tool_table_matches_tools_list()
    {
        var env = await McpEnvironment.GetAsync(db);
        var tools = await env.Client.ListToolsAsync();
        var expected = Render(tools.Select(t => (t.Name, t.Description)));

        var path = Path.Combine(RepoRoot(), "README.md");
        var readme = await File.ReadAllTextAsync(path);
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"README.md has no tool table between '{Begin}' and '{End}'");
        var current = readme[(start + Begin.Length)..end].Trim('\n');

        if (Environment.GetEnvironmentVariable("PERFASPIRE_UPDATE_README") == "1" && current != expected)
        {
            await File.WriteAllTextAsync(path, readme[..(start + Begin.Length)] + "\n" + expected + "\n" + readme[end..]);
            return;
        }
        Assert.True(current == expected,
            "README.md's tool table differs from tools/list; rerun this test with PERFASPIRE_UPDATE_README=1 to regenerate it.\n" + expected);
    }

    [Fact]
    public void Readme_stays_short()
    {
        // The README is the front page: what it is, the two commands, clients, tools. Detail lives in docs/.
        var bytes = new FileInfo(Path.Combine(RepoRoot(), "README.md")).Length;
        Assert.True(bytes <= 15 * 1024, $"README.md is {bytes} bytes; move detail to a page under docs/ (limit 15 KB)");
    }

    /// <summary>One row per tool, in tools/list order: name, design-card name, first sentence of the description.</summary>
    internal static string Render(IEnumerable<(string Name, string Description)> tools)
    {
        var sb = new StringBuilder();
        sb.Append("| MCP tool | design-card name | what it does |\n|---|---|---|\n");
        foreach (var (name, description) in tools.OrderBy(t => Family(t.Name)).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            sb.Append("| `").Append(name).Append("` | ").Append(SeedNames.GetValueOrDefault(name, "—")).Append(" | ")
              .Append(FirstSentence(description).Replace("|", "\\|")).Append(" |\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    static int Family(string name) => name.Split('_')[0] switch
    {
        "support" => 0,
        "schema" => 1,
        "query" => name == "query_range" ? 3 : 2,
        "docs" => 5,
        "system" => 6,
        _ => 4,
    };

    static string FirstSentence(string description)
    {
        var text = description.ReplaceLineEndings(" ").Trim();
        // A sentence ends at ". " before a capital letter; "e.g. x" and "i.e. x" do not end one.
        var m = System.Text.RegularExpressions.Regex.Match(text, @"(?<!\be\.g|\bi\.e)\.\s+(?=[A-Z(])");
        return m.Success ? text[..m.Index] : text.TrimEnd('.');
    }

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
