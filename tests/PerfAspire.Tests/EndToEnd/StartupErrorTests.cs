namespace PerfAspire.Tests.EndToEnd;

/// <summary>Bad settings stop the programs with one clear line on stderr and no stack trace.</summary>
public sealed class StartupErrorTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    static void AssertOneLine(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task AppHost_with_an_unknown_database_mode_exits_with_one_line()
    {
        var (code, _, stderr) = await BuiltExecutable.RunAsync("PerfAspire.AppHost", ["--Database:Mode=cloud"], new Dictionary<string, string?>(), Timeout);
        Assert.Equal(1, code);
        AssertOneLine(stderr, "Unknown Database:Mode 'cloud'");
    }

    [Fact]
    public async Task AppHost_in_external_mode_with_an_unreachable_dsn_exits_with_one_line()
    {
        var env = new Dictionary<string, string?> { ["TIMESCALE_DSN"] = "postgresql://nobody@127.0.0.1:1/ptops", ["ConnectionStrings__timescale"] = null };
        var (code, _, stderr) = await BuiltExecutable.RunAsync("PerfAspire.AppHost", ["--Database:Mode=external"], env, Timeout);
        Assert.Equal(1, code);
        AssertOneLine(stderr, "cannot connect to the external database 127.0.0.1:1/ptops");
    }

    [Fact]
    public async Task AppHost_in_local_mode_without_postgres_binaries_exits_with_one_line()
    {
        var empty = Directory.CreateTempSubdirectory("perfaspire-nobin-");
        try
        {
            // An explicit PG_BIN without the binaries takes the same path as a machine without PostgreSQL.
            var env = new Dictionary<string, string?> { ["PG_BIN"] = empty.FullName };
            var (code, _, stderr) = await BuiltExecutable.RunAsync("PerfAspire.AppHost", ["--Database:Mode=local"], env, Timeout);
            Assert.Equal(1, code);
            AssertOneLine(stderr, $"PG_BIN={empty.FullName} does not contain the PostgreSQL server binaries");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Mcp_bound_to_all_interfaces_without_an_api_key_refuses_to_start()
    {
        var env = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:0", ["MCP_API_KEY"] = null };
        var (code, _, stderr) = await BuiltExecutable.RunAsync("perfaspire-mcp", [], env, Timeout);
        Assert.Equal(2, code);
        AssertOneLine(stderr, "refusing to serve MCP on http://0.0.0.0:0");
    }

    [Theory]
    [InlineData("perfaspire-ingest", "ingest")]
    [InlineData("perfaspire-docs", "docs")]
    public async Task An_internal_api_bound_to_all_interfaces_without_the_key_refuses_to_start(string program, string service)
    {
        var env = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://0.0.0.0:0", ["INTERNAL_API_KEY"] = null };
        var (code, _, stderr) = await BuiltExecutable.RunAsync(program, [], env, Timeout);
        Assert.Equal(2, code);
        AssertOneLine(stderr, $"refusing to serve the {service} API on http://0.0.0.0:0");
        Assert.Contains("INTERNAL_API_KEY", stderr);
    }

    [Fact]
    public async Task Mcp_bound_to_all_interfaces_with_a_key_but_without_bundle_roots_refuses_to_start()
    {
        var env = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
            ["MCP_API_KEY"] = "a-key-long-enough-0123456789abcdef",
            ["BUNDLE_ROOTS"] = null,
            ["Bundles__Roots"] = null,
        };
        var (code, _, stderr) = await BuiltExecutable.RunAsync("perfaspire-mcp", [], env, Timeout);
        Assert.Equal(2, code);
        AssertOneLine(stderr, "without BUNDLE_ROOTS");
    }

    [Fact]
    public async Task Mcp_stdio_with_a_malformed_dsn_exits_with_one_line()
    {
        var env = new Dictionary<string, string?> { ["TIMESCALE_DSN"] = "postgresql://u@h:notaport/db", ["ConnectionStrings__timescale"] = null };
        var (code, stdout, stderr) = await BuiltExecutable.RunAsync("perfaspire-mcp", ["--stdio"], env, Timeout);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        AssertOneLine(stderr, "TIMESCALE_DSN is not a valid PostgreSQL connection string");
    }
}
