using System.Globalization;
using PerfAspire.Schema.Query;

namespace PerfAspire.Mcp.Insights;

/// <summary>Collects bind values for SQL with positional placeholders: <c>Add(v)</c> returns <c>$n</c>.</summary>
internal sealed class PositionalParameters
{
    readonly List<QueryParameter> _list = [];

    public IReadOnlyList<QueryParameter> List => _list;

    public string Add(string name, object value)
    {
        _list.Add(new QueryParameter(name, value));
        return "$" + _list.Count.ToString(CultureInfo.InvariantCulture);
    }
}
