using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfAspire.Mcp.Observability;
using PerfAspire.Mcp.Responses;
using PerfAspire.Schema.Sql;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Runs one client-written statement (query_sql): checked by <see cref="ClientSql"/>, on a connection that logged in
/// as the reader role (<see cref="ReaderLogin"/>), in a READ ONLY transaction with the perf schema first on the
/// search path and the statement timeout, reading at most max_rows rows and at most the response budget.
/// </summary>
public sealed class ClientSqlRunner(ReaderLogin login, IOptions<QueryOptions> options, QueryMetrics metrics)
{
    public sealed record Result(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, string? CutBy, int MaxRows, int TimeoutMs, TimeSpan Elapsed);

    public async Task<Result> RunAsync(string? sql, JsonElement? parameters, JsonElement? parameterOrder, int? maxRows, CancellationToken ct)
    {
        var o = options.Value;
        var statement = ClientSql.Check(sql);
        var bound = Bind(parameters, parameterOrder);
        var limit = maxRows ?? o.DefaultMaxRows;
        if (limit < 1 || limit > o.HardMaxRows) throw new ToolError("invalid_argument", $"max_rows must be between 1 and {o.HardMaxRows}.");
        var timeout = Math.Clamp(o.StatementTimeoutMs, 100, 600_000);
        var budget = ToolResponse.BudgetChars - 4_000;

        await using var conn = await login.OpenAsync(ct);
        var sw = Stopwatch.StartNew();
        var failed = true;
        try
        {
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            await using (var batch = new NpgsqlBatch(conn, tx))
            {
                foreach (var setUp in SessionSql.ReadOnlyTransaction(o.Schema, role: null, timeout)) batch.BatchCommands.Add(new NpgsqlBatchCommand(setUp));
                await batch.ExecuteNonQueryAsync(ct);
            }
            await using var cmd = new NpgsqlCommand(statement, conn, tx);
            foreach (var p in bound) cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            string? cutBy = null;
            var size = 0;
            while (await reader.ReadAsync(ct))
            {
                if (rows.Count == limit)
                {
                    cutBy = "max_rows";
                    break;
                }
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++) row[i] = Cell(reader.IsDBNull(i) ? null : reader.GetValue(i));
                size += JsonSerializer.Serialize(row, ToolJson.Options).Length + 1;
                if (size > budget && rows.Count > 0)
                {
                    cutBy = "response_budget";
                    break;
                }
                rows.Add(row);
            }
            failed = false;
            return new Result(columns, rows, cutBy is not null, cutBy, limit, timeout, sw.Elapsed);
        }
        finally
        {
            metrics.Record(sw.Elapsed, failed);
        }
    }

    /// <summary>
    /// Bind parameters for $1..$n: a JSON array in that order, or an object (query_build_sql's params) in
    /// param_order or, without it, in the object's own order. Text and numbers are sent untyped so PostgreSQL
    /// infers their type from the statement (a time string compared with ts becomes a timestamptz).
    /// </summary>
    static List<NpgsqlParameter> Bind(JsonElement? parameters, JsonElement? order)
    {
        // Read (and so checked) even where it changes nothing: a param_order of the wrong shape is refused, not ignored.
        var ordered = ArgumentJson.Names(order, "param_order");
        if (parameters is not { } p || p.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            if (ordered is { Count: > 0 }) throw new ToolError("invalid_argument", "param_order names parameters, but no params were given.");
            return [];
        }
        IEnumerable<(string Name, JsonElement Value)> values;
        if (p.ValueKind == JsonValueKind.Array)
        {
            // A list is already in $1..$n order; a param_order next to it (query_build_sql's) must at least match it.
            if (ordered is { Count: > 0 } && ordered.Count != p.GetArrayLength())
            {
                throw new ToolError("invalid_argument", $"param_order names {ordered.Count} parameters but params lists {p.GetArrayLength()} values.");
            }
            values = p.EnumerateArray().Select((v, i) => ($"${i + 1}", v));
        }
        else if (p.ValueKind == JsonValueKind.Object)
        {
            var byName = p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);
            var names = ordered ?? [.. byName.Keys];
            var missing = names.Where(n => !byName.ContainsKey(n)).ToList();
            if (missing.Count > 0) throw new ToolError("invalid_argument", $"param_order names {string.Join(", ", missing.Select(m => Text.Clip(m, 40)))}, which params does not hold.");
            values = names.Select(n => (n, byName[n]));
        }
        else
        {
            throw new ToolError("invalid_argument", "params must be a list of values for $1..$n, or query_build_sql's params object.");
        }
        var list = new List<NpgsqlParameter>();
        foreach (var (name, v) in values)
        {
            if (list.Count == 100) throw new ToolError("invalid_argument", "At most 100 bind parameters.");
            list.Add(Parameter(name, v));
        }
        return list;
    }

    static NpgsqlParameter Parameter(string name, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => new NpgsqlParameter { Value = v.GetString()!, NpgsqlDbType = NpgsqlDbType.Unknown },
        JsonValueKind.Number => new NpgsqlParameter { Value = v.GetRawText(), NpgsqlDbType = NpgsqlDbType.Unknown },
        JsonValueKind.True or JsonValueKind.False => new NpgsqlParameter { Value = v.GetBoolean(), NpgsqlDbType = NpgsqlDbType.Boolean },
        JsonValueKind.Null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
        JsonValueKind.Array when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
            new NpgsqlParameter { Value = v.EnumerateArray().Select(x => x.GetString()!).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        JsonValueKind.Array when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number) =>
            new NpgsqlParameter { Value = v.EnumerateArray().Select(x => x.GetDouble()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double },
        _ => throw new ToolError("invalid_argument", $"Parameter {Text.Clip(name, 40)} must be a string, number, boolean, null, or a list of strings or of numbers."),
    };

    /// <summary>A database value as JSON can carry it: numbers, text, booleans, ISO times, lists of those; anything else as its text.</summary>
    static object? Cell(object? v) => v switch
    {
        null => null,
        string or bool or long or int or short => v,
        double d => Values.Round(d),
        float f => Values.Round(f),
        decimal m => Values.Round((double)m),
        DateTime dt => Values.Iso(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))),
        DateTimeOffset t => Values.Iso(t),
        Array a when a.Rank == 1 && v is not byte[] => a.Cast<object?>().Select(Cell).ToArray(),
        _ => Text.Clip(v.ToString() ?? "", 2_000),
    };
}
