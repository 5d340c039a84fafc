using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PerfAspire.Mcp.Query;
using PerfAspire.Mcp.Responses;

namespace PerfAspire.Mcp.Tools;

/// <summary>Runs SQL the client wrote or edited (typically from query_build_sql), read-only, as the reader login.</summary>
[McpServerToolType]
public sealed class QuerySqlTool(ClientSqlRunner runner, ILogger<QuerySqlTool> logger)
{
    [McpServerTool(Name = "query_sql", Title = "Run a read-only SQL statement", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Runs one read-only SELECT/WITH over the perf schema ($1..$n binds, max_rows cap). Use it to run an edited query_build_sql statement.")]
    public Task<CallToolResult> QuerySql(
        [Description("One SELECT or WITH; values as $1..$n.")] string sql,
        [Description("Values for $1..$n: list or params object.")] JsonElement? @params = null,
        [Description("Names in $1..$n order (param_order).")] JsonElement? param_order = null,
        [Description("Row cap (500; max 5000).")] int? max_rows = null,
        CancellationToken ct = default) =>
        ToolResponse.RunAsync(logger, "query_sql", async () =>
        {
            var r = await runner.RunAsync(sql, @params, param_order, max_rows, ct);
            return new
            {
                columns = r.Columns,
                rows = r.Rows,
                row_count = r.Rows.Count,
                truncated = r.Truncated,
                cut_by = r.CutBy,
                hint = r.CutBy switch
                {
                    "max_rows" => $"More than {r.MaxRows} rows exist: aggregate (GROUP BY, time_bucket), add WHERE filters, or raise max_rows (up to 5000).",
                    "response_budget" => $"Cut to {r.Rows.Count} rows to stay within the response budget (~8k tokens): select fewer columns or aggregate.",
                    _ => null,
                },
                statement_timeout_ms = r.TimeoutMs,
                elapsed_ms = Math.Round(r.Elapsed.TotalMilliseconds, 1),
            };
        });
}
