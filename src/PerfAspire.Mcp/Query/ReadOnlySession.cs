using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// Opens the only kind of database session the MCP server uses: a READ ONLY transaction running as the
/// read-only role with a statement timeout — set up in one round trip, rolled back at the end (nothing to keep).
/// </summary>
public sealed class ReadOnlySessionFactory(QueryDataSource source, IOptions<QueryOptions> options)
{
    public QueryOptions Options => options.Value;

    public string Schema => options.Value.Schema;

    public async Task<ReadOnlySession> OpenAsync(CancellationToken ct)
    {
        var o = options.Value;
        var conn = await source.DataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            await using var batch = new NpgsqlBatch(conn, tx);
            // Unqualified functions (time_bucket: Timescale's in public, or the plain-PostgreSQL one in our schema)
            // resolve the same way; the statement timeout is our own setting, not user input.
            foreach (var sql in SessionSql.ReadOnlyTransaction(o.Schema, o.ReaderRole, Math.Clamp(o.StatementTimeoutMs, 100, 600_000)))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
            }
            await batch.ExecuteNonQueryAsync(ct);
            return new ReadOnlySession(conn, tx, o.Schema);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A read-only transaction; disposing rolls it back and returns the connection to the pool.</summary>
public sealed class ReadOnlySession(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema) : IAsyncDisposable
{
    public string Schema { get; } = schema;

    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    public NpgsqlCommand Command(string sql)
    {
        var cmd = new NpgsqlCommand(sql, Connection, Transaction);
        return cmd;
    }

    /// <summary>A command for a rendered query, its values bound in order as positional parameters.</summary>
    public NpgsqlCommand Command(RenderedQuery query)
    {
        return query.Command(Connection, Transaction);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Disposing an open NpgsqlTransaction rolls it back; a read-only session has nothing to keep.
            await Transaction.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection cannot be rolled back; closing it discards the transaction anyway.
        }
        await Connection.DisposeAsync();
    }
}
