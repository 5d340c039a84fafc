using System.Globalization;
using Npgsql;

namespace PerfAspire.Schema.Query;

/// <summary>
/// SQL ready for Npgsql with positional parameters: <c>$1</c> is <c>Parameters[0]</c>, and so on. Add each value
/// as an unnamed <c>NpgsqlParameter</c> in order. Values are string, DateTime (UTC), double, int, long, string[] or float[]
/// (<see cref="Command"/> does that).
/// Every query the services build is one of these: identifiers through <see cref="Sql.SqlIdentifier"/>, values
/// through <see cref="QueryParameters"/>.
/// </summary>
public sealed record RenderedQuery(string Sql, IReadOnlyList<QueryParameter> Parameters)
{
    /// <summary>A command on <paramref name="connection"/> with the values bound in order as positional parameters.</summary>
    public NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        var cmd = new NpgsqlCommand(Sql, connection, transaction);
        foreach (var p in Parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p.Value });
        return cmd;
    }
}

/// <summary>A bind parameter: its name (bundle_id, start_time, label_0, ...) and value. Values never appear in SQL text.</summary>
public sealed record QueryParameter(string Name, object Value);

/// <summary>
/// Collects the bind values of one statement: <see cref="Add"/> returns the placeholder (<c>$n</c>) to write into
/// the text. Seeded with the parameters of a rendered pattern, it numbers on after them, so composed SQL keeps one
/// numbering.
/// </summary>
public sealed class QueryParameters
{
    readonly List<QueryParameter> _list;

    public QueryParameters() => _list = [];

    public QueryParameters(IEnumerable<QueryParameter> existing) => _list = [.. existing];

    public IReadOnlyList<QueryParameter> List => _list;

    public string Add(string name, object value)
    {
        _list.Add(new QueryParameter(name, value));
        return "$" + _list.Count.ToString(CultureInfo.InvariantCulture);
    }

    public RenderedQuery Query(string sql) => new(sql, _list.ToArray());
}
