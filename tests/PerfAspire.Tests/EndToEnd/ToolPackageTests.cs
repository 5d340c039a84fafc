using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ModelContextProtocol.Client;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;

namespace PerfAspire.Tests.EndToEnd;

/// <summary>
/// `dotnet pack src/PerfAspire.Mcp` makes a .NET tool package that installs from a folder feed with no other package
/// source, and the installed `perfaspire-mcp`, started exactly as the README's Claude Desktop snippet says, answers a
/// stdio session against a real database and finds its docs model. One pack and one install each (the MCP package is
/// the slow one, ~170 MB); the ingest CLI packs the same way and loads a bundle.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class ToolPackageTests(DatabaseFixture db)
{
    [Fact]
    public async Task Packed_tool_installs_from_a_folder_feed_and_serves_the_readme_stdio_snippet()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var root = ReadmeStdioSnippet.RepoRoot();
        var snippet = ReadmeStdioSnippet.Read(root);
        var work = Directory.CreateTempSubdirectory("perfaspire-tool-").FullName;
        try
        {
            var (tools, version, package) = await PackAndInstallAsync(root, "PerfAspire.Mcp", work);
            AssertMcpServerPackage(package, version);

            var command = Path.Combine(tools, snippet.Command);
            Assert.True(File.Exists(command), $"{command} is not installed");
            var dsn = await db.CreateDatabaseAsync();
            var env = SelfContainedStdioTests.OnlyDsn(dsn);
            Assert.Equal(["TIMESCALE_DSN"], snippet.Env.Keys);
            var stderr = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "perfaspire",
                Command = command,
                Arguments = [.. snippet.Args],
                EnvironmentVariables = env,
                WorkingDirectory = work,
                StandardErrorLines = stderr.Enqueue,
            }), cancellationToken: cts.Token);

            Assert.Equal("perfaspire", client.ServerInfo?.Name);
            Assert.Equal(version, client.ServerInfo?.Version);
            var names = (await client.ListToolsAsync(cancellationToken: cts.Token)).Select(t => t.Name).ToList();
            Assert.Contains("system_health", names);
            Assert.Contains("support_load_bundle", names);
            Assert.Contains("docs_search", names);

            var result = await client.CallToolAsync("system_health", cancellationToken: cts.Token);
            SystemHealthAssertions.AssertHealthy(Assert.IsType<JsonElement>(result.StructuredContent), expectedMode: "external");

            // The embedding model and ONNX Runtime's native library come from the installed package.
            var docs = await client.OkAsync("docs_search", new { q = "is the disk saturated" });
            Assert.False(docs.TryGetProperty("warnings", out _), docs.ToString());
            Assert.NotEmpty(docs.GetProperty("result").GetProperty("results").EnumerateArray());

            // The client's MCP log (stderr) is not flooded with one line per SQL statement.
            Assert.DoesNotContain(stderr, l => l.Contains("Command execution completed", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Packed_ingest_cli_installs_and_loads_a_bundle()
    {
        var root = ReadmeStdioSnippet.RepoRoot();
        var work = Directory.CreateTempSubdirectory("perfaspire-tool-").FullName;
        try
        {
            var (tools, _, _) = await PackAndInstallAsync(root, "PerfAspire.Ingest", work);
            var cli = Path.Combine(tools, "perfaspire-ingest");
            var env = SelfContainedStdioTests.OnlyDsn(await db.CreateDatabaseAsync());
            var generated = await RunAsync(cli, ["generate", "--preset", "small", "--format", "tar.gz", "--out", Path.Combine(work, "bundle")], env);
            var bundle = Assert.Single(Directory.GetFiles(Path.Combine(work, "bundle"), "*.tar.gz"));

            using var loaded = JsonDocument.Parse(await RunAsync(cli, ["load", bundle, "--json"], env));
            var id = loaded.RootElement.GetProperty("bundle_id").GetString();
            Assert.False(string.IsNullOrEmpty(id), generated);
            Assert.Contains(id!, await RunAsync(cli, ["list", "--json"], env));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// `dotnet pack` of the already built project (this test runs from the build's output) into a folder feed, then
    /// `dotnet tool install` into a tool path with that feed as the only package source: nothing comes from a network.
    /// </summary>
    static async Task<(string Tools, string Version, string Package)> PackAndInstallAsync(string root, string packageId, string work)
    {
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        await DotnetAsync(["pack", Path.Combine(root, "src", packageId), "-c", configuration, "--no-build", "--no-restore", "-o", feed, "-nologo"]);
        var package = Assert.Single(Directory.GetFiles(feed, packageId + ".*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)[(packageId.Length + 1)..];
        var config = Path.Combine(work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(["tool", "install", "--tool-path", tools, "--configfile", config, packageId, "--version", version]);
        return (tools, version, package);
    }

    static async Task<string> RunAsync(string command, string[] args, IDictionary<string, string?> env)
    {
        var (code, stdout, stderr) = await BuiltExecutable.RunCommandAsync(command, args, env, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"{Path.GetFileName(command)} {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>A tool package and an MCP server package whose server.json declares the stdio transport and its environment.</summary>
    static void AssertMcpServerPackage(string package, string version)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspec = XDocument.Load(zip.GetEntry("PerfAspire.Mcp.nuspec")!.Open());
        var types = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        Assert.Contains("DotnetTool", types);
        Assert.Contains("McpServer", types);
        var settings = XDocument.Load(Assert.Single(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).Open());
        Assert.Equal("perfaspire-mcp", (string?)settings.Descendants("Command").Single().Attribute("Name"));
        // ONNX Runtime for phones is no use to a desktop tool and would double the package.
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("/runtimes/android/", StringComparison.Ordinal) || e.FullName.Contains("/runtimes/ios/", StringComparison.Ordinal));

        using var server = JsonDocument.Parse(zip.GetEntry(".mcp/server.json")!.Open());
        Assert.Equal(version, server.RootElement.GetProperty("version").GetString());
        var p = Assert.Single(server.RootElement.GetProperty("packages").EnumerateArray());
        Assert.Equal("nuget", p.GetProperty("registryType").GetString());
        Assert.Equal("PerfAspire.Mcp", p.GetProperty("identifier").GetString());
        Assert.Equal(version, p.GetProperty("version").GetString());
        Assert.Equal("stdio", p.GetProperty("transport").GetProperty("type").GetString());
        Assert.Equal(["--stdio"], p.GetProperty("packageArguments").EnumerateArray().Select(a => a.GetProperty("value").GetString()));
        var dsn = Assert.Single(p.GetProperty("environmentVariables").EnumerateArray(), v => v.GetProperty("name").GetString() == "TIMESCALE_DSN");
        Assert.True(dsn.GetProperty("isRequired").GetBoolean());
    }

    static async Task DotnetAsync(string[] args)
    {
        // dotnet test's own MSBuild settings must not leak into the child build.
        var env = new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name is "DOTNET_HOST_PATH") env[name] = null;
        }
        var (code, stdout, stderr) = await BuiltExecutable.RunCommandAsync("dotnet", args, env, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)} exited {code}:\n{stdout}\n{stderr}");
    }
}
