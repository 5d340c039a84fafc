using System.Diagnostics;
using Npgsql;
using PerfAspire.Mcp.Observability;

namespace PerfAspire.Mcp.Query;

/// <summary>Executes a rendered query inside a read-only session, reading at most <c>maxRows</c> (+1 to detect a cut).</summary>
public sealed class QueryRunner(QueryMetrics metrics)
{
    public async Task<QueryRows> RunAsync(ReadOnlySession session, RenderedQuery query, int maxRows, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var failed = true;
        try
        {
            await using var cmd = session.Command(query);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(ct))
            {
                if (rows.Count == maxRows)
                {
                    truncated = true;
                    break;
                }
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++) row[i] = Normalize(reader.IsDBNull(i) ? null : reader.GetValue(i));
                rows.Add(row);
            }
            failed = false;
            return new QueryRows(columns, rows, truncated, sw.Elapsed);
        }
        finally
        {
            metrics.Record(sw.Elapsed, failed);
        }
    }

    /// <summary>One scalar/exists probe, counted like any other query.</summary>
    public async Task<T?> ScalarAsync<T>(ReadOnlySession session, RenderedQuery query, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var failed = true;
        try
        {
            await using var cmd = session.Command(query);
            var value = await cmd.ExecuteScalarAsync(ct);
            failed = false;
            return value is null or DBNull ? default : (T)value;
        }
        finally
        {
            metrics.Record(sw.Elapsed, failed);
        }
    }

    static object? Normalize(object? v) => v switch
    {
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        decimal d => (double)d,
        float f => (double)f,
        int i => (long)i,
        short s => (long)s,
        _ => v,
    };
}
