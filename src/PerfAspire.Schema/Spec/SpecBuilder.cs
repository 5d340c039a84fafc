namespace PerfAspire.Schema.Spec;

/// <summary>Terse constructors so the spec files read like the format document.</summary>
internal static class SpecBuilder
{
    public static LabelSpec L(string name, string description, bool indexed = false) => new(name, description, Indexed: indexed);

    public static MetricSpec M(string column, MetricKind kind, string unit, string description,
        string computation = "", string[]? aliases = null, string? key = null, string sqlType = "double precision")
        => new(column, kind, unit, description, computation, aliases ?? [], sqlType, key);

    public static MetricSpec Gauge(string column, string unit, string description, string computation = "", string[]? aliases = null, string? key = null)
        => M(column, MetricKind.Gauge, unit, description, computation, aliases, key);

    public static MetricSpec Rate(string column, string unit, string description, string computation = "", string[]? aliases = null, string? key = null)
        => M(column, MetricKind.Rate, unit, description, computation, aliases, key);

    public static MetricSpec Counter(string column, string unit, string description, string computation = "", string[]? aliases = null, string? key = null)
        => M(column, MetricKind.Counter, unit, description, computation, aliases, key);

    public static MetricSpec Delta(string column, string unit, string description, string computation = "", string[]? aliases = null, string? key = null)
        => M(column, MetricKind.Delta, unit, description, computation, aliases, key);

    public static TableGroup G(string recordGroup, string table, string prefix, string category, string filter,
        LabelSpec[] labels, MetricSpec[] metrics, string summary, bool extensible = false)
        => new(recordGroup, table, prefix, category, filter, labels, metrics, summary, extensible);
}
