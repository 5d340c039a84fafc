using System.Text.Json;
using System.Text.RegularExpressions;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// The README's stdio client configuration, read from README.md itself: the Claude Desktop JSON and the Claude Code
/// command line. The tool-package test and the U2 walk-through (scripts/mcp-client/walkthrough.mjs) start the server
/// from exactly this, so the README cannot show a configuration that was not run.
/// </summary>
sealed record ReadmeStdioSnippet(string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env, string ClaudeCodeLine)
{
    public static ReadmeStdioSnippet Read(string repoRoot)
    {
        var readme = File.ReadAllText(Path.Combine(repoRoot, "README.md"));
        var json = Block(readme, "claude_desktop_config.json", "json");
        var server = JsonDocument.Parse(json).RootElement.GetProperty("mcpServers").GetProperty("perfaspire");
        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
        var env = server.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var code = Block(readme, "Claude Code:", "bash").Split('\n').Single(l => l.StartsWith("claude mcp add ", StringComparison.Ordinal));
        return new ReadmeStdioSnippet(server.GetProperty("command").GetString()!, args, env, code);
    }

    /// <summary>The first fenced block of the given language after the marker text.</summary>
    static string Block(string readme, string marker, string language)
    {
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{marker}'");
        var m = Regex.Match(readme[at..], "```" + language + "\n(.*?)```", RegexOptions.Singleline);
        Assert.True(m.Success, $"README.md has no ```{language} block after '{marker}'");
        return m.Groups[1].Value;
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfAspire.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfAspire.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The README's stdio snippets agree with each other and with what the walk-through runs.</summary>
public sealed class ReadmeStdioSnippetTests
{
    [Fact]
    public void Claude_desktop_and_claude_code_snippets_start_the_installed_tool_with_only_a_dsn()
    {
        var root = ReadmeStdioSnippet.RepoRoot();
        var s = ReadmeStdioSnippet.Read(root);
        Assert.Equal("perfaspire-mcp", s.Command);
        Assert.Equal(["--stdio"], s.Args);
        Assert.Equal(["TIMESCALE_DSN"], s.Env.Keys);

        // Claude Code: the same command, arguments and environment.
        var dsn = s.Env["TIMESCALE_DSN"];
        Assert.Equal($"claude mcp add perfaspire --env TIMESCALE_DSN={dsn} -- {s.Command} {string.Join(' ', s.Args)}", s.ClaudeCodeLine);

        // The walk-through's stdio pass starts the server from this README (run.sh passes it; walkthrough.mjs reads it).
        var run = File.ReadAllText(Path.Combine(root, "scripts/mcp-client/run.sh"));
        var walk = File.ReadAllText(Path.Combine(root, "scripts/mcp-client/walkthrough.mjs"));
        Assert.Contains("--stdio-readme \"$root/README.md\"", run);
        Assert.Contains("claude_desktop_config.json", walk);
        Assert.DoesNotContain("Mcp__IngestUrl", walk);
    }
}
