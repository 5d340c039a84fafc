namespace PerfAspire.Schema.Spec;

/// <summary>
/// One ptop record group = one hypertable.
/// </summary>
/// <param name="RecordGroup">The ptop line prefix as printed, e.g. <c>CPU</c>, <c>NET ifstat</c>, <c>SNMP.Ip</c>.</param>
/// <param name="Table">Hypertable name, e.g. <c>ptops_cpu</c>.</param>
/// <param name="Prefix">Metric-name prefix, e.g. <c>cpu</c> (metric = prefix + "_" + column).</param>
/// <param name="Category">The <c>metric_category</c> column value, e.g. <c>cpu</c>, <c>network</c>.</param>
/// <param name="Filter">The coarse <c>categories</c> load filter: CPU, MEM, DISK, NET, TOP, SMAPS, DB, FASTPATH, OTHER.</param>
/// <param name="Labels">Local label columns in table order.</param>
/// <param name="Metrics">Metric columns in table order.</param>
/// <param name="Summary">A few plain sentences on what the plugin collects (becomes the L2 doc).</param>
/// <param name="Extensible">True when the line can carry columns the spec does not know yet (fast-path key/value keys, extra BUDDY orders): with SCHEMA_AUTO_UPDATE they become new columns, views and catalog rows.</param>
public sealed record TableGroup(
    string RecordGroup,
    string Table,
    string Prefix,
    string Category,
    string Filter,
    IReadOnlyList<LabelSpec> Labels,
    IReadOnlyList<MetricSpec> Metrics,
    string Summary,
    bool Extensible = false)
{
    public string MetricName(MetricSpec metric) => Prefix + "_" + metric.Column;

    public IEnumerable<string> LabelNames => Labels.Select(l => l.Name);
}
