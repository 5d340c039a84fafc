using Npgsql;

namespace PerfAspire.Mcp.Query;

/// <summary>
/// The data source MCP queries use: a dedicated reader connection string (<c>ConnectionStrings:timescale-reader</c>)
/// when one is configured, else the service's shared <see cref="NpgsqlDataSource"/>. Either way every session
/// is read-only (<see cref="ReadOnlySessionFactory"/>).
/// </summary>
public sealed class QueryDataSource(NpgsqlDataSource dataSource)
{
    /// <summary>The connection-string name (and keyed data source) of the read-only login.</summary>
    public const string ReaderConnectionName = "timescale-reader";

    public NpgsqlDataSource DataSource { get; } = dataSource;
}
