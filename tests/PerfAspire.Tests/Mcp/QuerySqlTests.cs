using System.Text.Json;
using PerfAspire.Tests.Infrastructure;

namespace PerfAspire.Tests.Mcp;

/// <summary>
/// query_sql runs the SQL a client was shown (and edited), on a connection that logged in as the reader role:
/// every way out — writes, DDL, role switches, settings, server files, a second statement, a query that never
/// ends — is refused or cut off.
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class QuerySqlTests(DatabaseFixture db)
{
    [Fact]
    public async Task Runs_an_edited_query_build_sql_statement_with_its_bind_parameters()
    {
        var env = await McpEnvironment.GetAsync(db);
        var args = new { pattern_name = "timeseries_avg", metric_name = "cpu_utilization", filters = new { cpu = "cpu0" }, step_seconds = 60 };
        var built = await env.Client.OkAsync("query_build_sql", args);
        var sql = built.GetProperty("sql").GetString()!;
        Assert.Contains("$1", sql);

        // Edited: only the three highest buckets.
        var edited = $"SELECT ts_bucket, value FROM ({sql}) AS q ORDER BY value DESC LIMIT 3";
        var ran = await env.Client.OkAsync("query_sql", new { sql = edited, @params = built.GetProperty("params"), param_order = built.GetProperty("param_order") });
        Assert.Equal(["ts_bucket", "value"], ran.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, ran.GetProperty("row_count").GetInt32());
        Assert.False(ran.GetProperty("truncated").GetBoolean());

        var run = await env.Client.OkAsync("query_run", args);
        var valueColumn = run.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf("value");
        var expected = run.GetProperty("rows").EnumerateArray().Select(r => r[valueColumn].GetDouble()).OrderDescending().Take(3).ToList();
        Assert.Equal(expected, ran.GetProperty("rows").EnumerateArray().Select(r => r[1].GetDouble()));

        // The same values positionally, as a list.
        var values = built.GetProperty("param_order").EnumerateArray().Select(n => built.GetProperty("params").GetProperty(n.GetString()!)).ToList();
        var positional = await env.Client.OkAsync("query_sql", new { sql = edited, @params = values });
        Assert.Equal(ran.GetProperty("rows").GetRawText(), positional.GetProperty("rows").GetRawText());
    }

    [Fact]
    public async Task The_connection_logged_in_as_the_reader_role()
    {
        var env = await McpEnvironment.GetAsync(db);
        var who = await env.Client.OkAsync("query_sql", new { sql = "SELECT session_user::text AS login, current_user::text AS acting, current_setting('transaction_read_only') AS ro" });
        var row = who.GetProperty("rows")[0];
        Assert.Equal("perf_reader", row[0].GetString());
        Assert.Equal("perf_reader", row[1].GetString());
        Assert.Equal("on", row[2].GetString());
        // Literals and comments may hold anything; only code counts.
        var literal = await env.Client.OkAsync("query_sql", new { sql = "SELECT 'x; DELETE FROM bundles; set_config(' AS s -- ; RESET ROLE\n;" });
        Assert.Equal("x; DELETE FROM bundles; set_config(", literal.GetProperty("rows")[0][0].GetString());
        var count = await env.Client.OkAsync("query_sql", new { sql = "SELECT count(*) AS n FROM bundles" });
        Assert.Equal(2, count.GetProperty("rows")[0][0].GetInt64());
    }

    public static TheoryData<string> Escapes => new()
    {
        "INSERT INTO bundles (bundle_id) VALUES ('x')",
        "UPDATE bundles SET active = false",
        "DELETE FROM bundles",
        "WITH gone AS (DELETE FROM bundles RETURNING bundle_id) SELECT * FROM gone",
        "SELECT * FROM bundles FOR UPDATE",
        "SELECT bundle_id INTO stolen FROM bundles",
        "CREATE TABLE x (i int)",
        "DROP TABLE bundles",
        "TRUNCATE bundles",
        "GRANT SELECT ON bundles TO PUBLIC",
        "RESET ROLE",
        "SET ROLE postgres",
        "SELECT 1; RESET ROLE",
        "SELECT 1; SELECT 2",
        "SELECT set_config('statement_timeout', '0', false)",
        "SELECT pg_catalog.set_config('role', 'postgres', true)",
        "SELECT \"set_config\"('transaction_read_only', 'off', true)",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_read_binary_file('PG_VERSION')",
        "SELECT * FROM pg_ls_dir('.')",
        "SELECT lo_import('/etc/passwd')",
        "SELECT * FROM pg_authid",
        "COPY bundles TO STDOUT",
        "DO $$ BEGIN RESET ROLE; END $$",
        "SELECT pg_terminate_backend(1)",
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Every_escape_is_refused(string sql)
    {
        var env = await McpEnvironment.GetAsync(db);
        var error = await env.Client.ErrorAsync("query_sql", new { sql }, "query_not_permitted");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        // Nothing changed: both bundles are still there and the active one too.
        var count = await env.Client.OkAsync("query_sql", new { sql = "SELECT count(*) FILTER (WHERE active) AS a, count(*) AS n FROM bundles" });
        Assert.Equal("[1,2]", count.GetProperty("rows")[0].GetRawText());
    }

    [Fact]
    public async Task A_long_running_query_is_cut_off_by_the_statement_timeout()
    {
        var env = await McpEnvironment.GetAsync(db);
        await using var server = await McpTestServer.StartAsync(env.ConnectionString, new Dictionary<string, string?> { ["Mcp:Query:StatementTimeoutMs"] = "300" });
        await using var client = await server.ConnectAsync();
        var error = await client.ErrorAsync("query_sql", new { sql = "SELECT pg_sleep(60)" }, "query_timeout");
        Assert.Contains("statement timeout", error.GetProperty("message").GetString());
        await client.ErrorAsync("query_sql", new { sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n" }, "query_timeout");
    }

    [Fact]
    public async Task Rows_are_capped_by_max_rows_and_the_response_budget()
    {
        var env = await McpEnvironment.GetAsync(db);
        var capped = await env.Client.OkAsync("query_sql", new { sql = "SELECT g FROM generate_series(1, 100) g", max_rows = 10 });
        Assert.Equal(10, capped.GetProperty("row_count").GetInt32());
        Assert.True(capped.GetProperty("truncated").GetBoolean());
        Assert.Equal("max_rows", capped.GetProperty("cut_by").GetString());

        var wide = await env.Client.OkAsync("query_sql", new { sql = "SELECT repeat('x', 500) AS pad FROM generate_series(1, 2000) g", max_rows = 5000 });
        Assert.Equal("response_budget", wide.GetProperty("cut_by").GetString());
        Assert.True(JsonSerializer.Serialize(wide).Length <= 30_000);

        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT 1", max_rows = 0 }, "invalid_argument");
        await env.Client.ErrorAsync("query_sql", new { sql = "  " }, "invalid_argument");
        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT nope FROM bundles" }, "query_failed");
    }

    /// <summary>Found by the U2 contract sweep: a param_order of the wrong shape, or one that cannot apply, was ignored.</summary>
    [Fact]
    public async Task A_param_order_that_cannot_apply_is_refused_not_ignored()
    {
        var env = await McpEnvironment.GetAsync(db);
        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT $1::int", @params = new[] { 1 }, param_order = true }, "invalid_argument");
        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT $1::int", @params = new[] { 1 }, param_order = new { start = 1 } }, "invalid_argument");
        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT $1::int", @params = new[] { 1 }, param_order = new[] { "a", "b" } }, "invalid_argument");
        await env.Client.ErrorAsync("query_sql", new { sql = "SELECT 1", param_order = new[] { "a" } }, "invalid_argument");
        // query_build_sql's values list with its param_order still runs.
        var ok = await env.Client.OkAsync("query_sql", new { sql = "SELECT $1::int + $2::int AS s", @params = new[] { 1, 2 }, param_order = new[] { "a", "b" } });
        Assert.Equal(1, ok.GetProperty("row_count").GetInt32());
    }
}
